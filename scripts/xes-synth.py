#!/usr/bin/env python3
"""Writes a synthetic XES event log (IEEE 1849) shaped like receipt.xes.gz.

Usage: python3 scripts/xes-synth.py OUT.xes [--events N] [--gzip]

The model is ../shared/data/eventlogs/receipt.xes.gz (the receipt phase of a Dutch
municipality's permit process): the same XML declaration, OpenXES comments, default
namespace, <extension> declarations, <global scope="trace"> and <global scope="event">
defaults, <classifier> elements and log-level metadata nested up to 4 levels deep,
then traces in the same attribute order and tab indentation. Traces carry department,
group (on some), responsible, channel, startdate, deadline, enddate_planned and enddate
(absent on some); events carry org:group, concept:instance, org:resource (absent on a
few), concept:name, time:timestamp and lifecycle:transition=complete.

The content is made up but has the receipt log's proportions: 27 activities with the
receipt names, 48 resources (Resource01..Resource43, admin1..admin3, TEST and test, the
last two distinct), 1 to 25 events per trace averaging about 6, timestamps increasing
inside a trace with occasional ties, and +01:00/+02:00 offsets following the EU
daylight-saving rule of Europe/Amsterdam, so some traces cross a change.

Deterministic (fixed seed, standard library only) and streaming: the output is written
trace by trace; only the list of trace lengths (one int per trace) is held in memory so
that the header can state the exact totals. The file is written to OUT.tmp and renamed,
so a complete OUT is never half-written. With --gzip (or an OUT ending in .gz) it is
gzip-compressed. Counts of traces, events and bytes go to stderr at the end.

Size: every event costs about 450 bytes, as in receipt (tab indentation and six
attributes, about 330 bytes of markup alone, plus its share of the trace attributes), so
the default 260,000 events make about 118 MB (in under 2 s); --events 165000 makes
about 75 MB.
"""

import argparse
import bisect
import datetime
import gzip
import os
import random
import sys

SEED = 20140506  # the receipt log's creation date
FIRST_CASE = 100000
FIRST_TASK = 400000
# Trace arrivals start here (UTC, ms since the epoch): Monday 2010-01-04 08:00 UTC.
START_MS = 1262592000000
# Mean gap between trace arrivals, chosen so that the default 260,000 events cover about
# four years (eight daylight-saving changes).
ARRIVAL_GAP_MS = 2_900_000

# ---------------------------------------------------------------------------------------
# Vocabulary, with weights close to the receipt log's frequencies.

CONFIRMATION = "Confirmation of receipt"
T02 = "T02 Check confirmation of receipt"
T03 = "T03 Adjust confirmation of receipt"
T04 = "T04 Determine confirmation of receipt"
T05 = "T05 Print and send confirmation of receipt"
T06 = "T06 Determine necessity of stop advice"
T10 = "T10 Determine necessity to stop indication"
DOCUMENT_X = ["T11 Create document X request unlicensed",
              "T12 Check document X request unlicensed",
              "T14 Determine document X request unlicensed",
              "T15 Print document X request unlicensed"]
T13 = "T13 Adjust document X request unlicensed"
REPORT_Y = ["T16 Report reasons to hold request",
            "T17 Check report Y to stop indication",
            "T19 Determine report Y to stop indication",
            "T20 Print report Y to stop indication"]
T18 = "T18 Adjust report Y to stop indicition"  # sic, as in the receipt log
ADVICE = [("T07-1 Draft intern advice aspect 1", 45),
          ("T07-2 Draft intern advice aspect 2", 32),
          ("T07-3 Draft intern advice hold for aspect 3", 8),
          ("T07-4 Draft internal advice to hold for type 4", 6),
          ("T07-5 Draft intern advice aspect 5", 27),
          ("T08 Draft and send request for advice", 18),
          ("T09-1 Process or receive external advice from party 1", 7),
          ("T09-2 Process or receive external advice from party 2", 1),
          ("T09-3 Process or receive external advice from party 3", 8),
          ("T09-4 Process or receive external advice from party 4", 5)]
ACTIVITIES = ([CONFIRMATION, T02, T03, T04, T05, T06, T10] + DOCUMENT_X + [T13]
              + REPORT_Y + [T18] + [name for name, _ in ADVICE])
assert len(set(ACTIVITIES)) == 27

# The group that usually performs an activity; "EMPTY" (a sentinel value) stands in for it
# with the given probability.
GROUP_OF = {CONFIRMATION: ("Group 1", 0.79), T02: ("Group 4", 0.27), T03: ("Group 1", 0.0),
            T04: ("Group 3", 0.16), T05: ("Group 2", 0.09), T06: ("Group 1", 0.02),
            T10: ("Group 1", 0.01), T13: ("Group 1", 0.0), T18: ("Group 1", 0.0)}
for _name, _group in zip(DOCUMENT_X, ["Group 1", "Group 4", "Group 3", "Group 2"]):
    GROUP_OF[_name] = (_group, 0.2)
for _name, _group in zip(REPORT_Y, ["Group 1", "Group 4", "Group 3", "Group 2"]):
    GROUP_OF[_name] = (_group, 0.15)
for (_name, _), _group in zip(ADVICE, ["Group 13", "Group 15", "Group 14", "Group 12", "Group 1",
                                      "Group 1", "Group 1", "Group 1", "Group 1", "Group 1"]):
    GROUP_OF[_name] = (_group, 0.2 if _group != "Group 1" else 0.0)
GROUPS = ["Group 3", "Group 4", "Group 1", "Group 12", "Group 13", "Group 2", "Group 14",
          "Group 7", "Group 15", "EMPTY"]

# Orders of the six usual activities after "Confirmation of receipt" (indices into BASE).
BASE = [T02, T04, T05, T06, T10]
BASE_ORDERS = [((0, 1, 2, 3, 4), 725), ((3, 4, 0, 1, 2), 123), ((0, 3, 4, 1, 2), 115),
               ((0, 1, 3, 4, 2), 75), ((3, 0, 1, 2, 4), 40), ((0, 3, 1, 2, 4), 28),
               ((3, 0, 4, 1, 2), 13), ((0, 1, 3, 2, 4), 12)]
# Events per trace: the receipt log's histogram (1..25, mean 5.98).
LENGTHS = [(1, 116), (3, 8), (4, 12), (5, 16), (6, 1135), (7, 5), (8, 34), (9, 11), (10, 70),
           (11, 1), (12, 12), (13, 2), (14, 3), (15, 1), (16, 1), (18, 5), (24, 1), (25, 1)]

# 48 resources: Resource01..Resource43, admin1..admin3, TEST and test (distinct).
RESOURCES = ([("Resource%02d" % k, 1230.0 / k) for k in range(1, 44)]
             + [("admin1", 352), ("admin2", 160), ("admin3", 3), ("TEST", 2), ("test", 5)])
RESOURCE_NAMES = [name for name, _ in RESOURCES]
assert len(set(RESOURCE_NAMES)) == 48

DEPARTMENTS = [("General", 1390), ("Customer contact", 29), ("Experts", 15)]
TRACE_GROUPS = [("Group 5", 329), ("Group 8", 227), ("Group 2", 32), ("Group 7", 9),
                ("Group 11", 5), ("Group 6", 5), ("Group 10", 2)]
CHANNELS = [("Internet", 1250), ("Desk", 109), ("Post", 53), ("e-mail", 21), ("Intern", 1)]

# ---------------------------------------------------------------------------------------
# Time: instants are integer milliseconds since the epoch (UTC); they are written as local
# time in Europe/Amsterdam, whose offset follows the EU rule (summer time, +02:00, from the
# last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC; +01:00 otherwise).

DAY_MS = 86_400_000
HOUR_MS = 3_600_000
EPOCH = datetime.date(1970, 1, 1)


def last_sunday_ms(year, month):
    last = datetime.date(year, month, 31)
    last -= datetime.timedelta(days=(last.weekday() + 1) % 7)
    return (last - EPOCH).days * DAY_MS + HOUR_MS  # 01:00 UTC


# Sorted boundaries: summer time holds where bisect_right(...) is odd.
DST_BOUNDARIES = []
for _year in range(1996, 2100):
    DST_BOUNDARIES += [last_sunday_ms(_year, 3), last_sunday_ms(_year, 10)]

_day_names = {}


def timestamp(ms):
    """ms since the epoch -> '2011-10-11T13:45:40.276+02:00' in Amsterdam local time."""
    summer = bisect.bisect_right(DST_BOUNDARIES, ms) & 1
    local = ms + (2 * HOUR_MS if summer else HOUR_MS)
    day, rest = divmod(local, DAY_MS)
    date = _day_names.get(day)
    if date is None:
        date = _day_names[day] = (EPOCH + datetime.timedelta(days=day)).isoformat()
    hours, rest = divmod(rest, HOUR_MS)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return "%sT%02d:%02d:%02d.%03d%s" % (date, hours, minutes, seconds, millis,
                                         "+02:00" if summer else "+01:00")


# ---------------------------------------------------------------------------------------
# Header: the receipt log's prologue, extensions, globals and classifiers, then log-level
# metadata attributes with nested children (up to 4 levels), in the receipt log's style.

PROLOGUE = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- This file has been generated with the OpenXES library. It conforms -->
<!-- to the XML serialization of the XES standard for log storage and -->
<!-- management. -->
<!-- XES standard version: 1.0 -->
<!-- OpenXES library version: 1.0RC7 -->
<!-- OpenXES is available from http://www.openxes.org/ -->
<!-- Synthetic data written by ducha's scripts/xes-synth.py in the shape of receipt.xes.gz. -->
<log xes.version="1.0" xes.features="nested-attributes" openxes.version="1.0RC7" xmlns="http://www.xes-standard.org/">
\t<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
\t<extension name="MetaData_Time" prefix="meta_time" uri="http://www.xes-standard.org/meta_time.xesext"/>
\t<extension name="MetaData_LifeCycle" prefix="meta_life" uri="http://www.xes-standard.org/meta_life.xesext"/>
\t<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
\t<extension name="MetaData_Organization" prefix="meta_org" uri="http://www.xes-standard.org/meta_org.xesext"/>
\t<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
\t<extension name="MetaData_Concept" prefix="meta_concept" uri="http://www.xes-standard.org/meta_concept.xesext"/>
\t<extension name="MetaData_3TU" prefix="meta_3TU" uri="http://www.xes-standard.org/meta_3TU.xesext"/>
\t<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
\t<extension name="Semantic" prefix="semantic" uri="http://www.xes-standard.org/semantic.xesext"/>
\t<extension name="MetaData_General" prefix="meta_general" uri="http://www.xes-standard.org/meta_general.xesext"/>
\t<global scope="trace">
\t\t<string key="responsible" value="UNKNOWN"/>
\t\t<string key="department" value="UNKNOWN"/>
\t\t<date key="deadline" value="1970-01-01T00:00:00.000+01:00"/>
\t\t<string key="group" value="UNKNOWN"/>
\t\t<date key="startdate" value="1970-01-01T00:00:00.000+01:00"/>
\t\t<string key="redenverlenging" value="UNKNOWN"/>
\t\t<string key="concept:name" value="UNKNOWN"/>
\t\t<string key="channel" value="UNKNOWN"/>
\t\t<string key="aantekening" value="UNKNOWN"/>
\t\t<date key="enddate" value="1970-01-01T00:00:00.000+01:00"/>
\t\t<date key="enddate_planned" value="1970-01-01T00:00:00.000+01:00"/>
\t</global>
\t<global scope="event">
\t\t<string key="org:group" value="UNKNOWN"/>
\t\t<string key="concept:instance" value="UNKNOWN"/>
\t\t<string key="org:resource" value="UNKNOWN"/>
\t\t<date key="time:timestamp" value="1970-01-01T00:00:00.000+01:00"/>
\t\t<string key="lifecycle:transition" value="UNKNOWN"/>
\t\t<string key="concept:name" value="UNKNOWN"/>
\t</global>
\t<classifier name="Activity classifier" keys="concept:name lifecycle:transition"/>
\t<classifier name="Resource classifier" keys="org:resource"/>
\t<classifier name="Group classifier" keys="org:group"/>
"""


def attr(depth, kind, key, value, children=None):
    """One attribute element at the given depth, with optional child elements (lines)."""
    indent = "\t" * depth
    if not children:
        return ['%s<%s key="%s" value="%s"/>' % (indent, kind, key, value)]
    return (['%s<%s key="%s" value="%s">' % (indent, kind, key, value)] + children
            + ["%s</%s>" % (indent, kind)])


def per_key(depth, kind, keys, values):
    lines = []
    for key, value in zip(keys, values):
        lines += attr(depth, kind, key, value)
    return lines


def header(n_traces, n_events, min_len, max_len, first_ms, last_ms):
    """The log element's own attributes. The per-key figures are estimates from the
    generator's weights (exact totals for traces and events): they are metadata, not data."""
    total_w = sum(w for _, w in RESOURCES)
    res_counts = [max(1, round(n_events * 0.975 * w / total_w)) for _, w in RESOURCES]
    res_avg = ["%.3f" % (c / n_traces) for c in res_counts]
    grp_share = [0.134, 0.122, 0.368, 0.0005, 0.003, 0.143, 0.001, 0.0002, 0.003, 0.226]
    grp_counts = [max(1, round(n_events * s)) for s in grp_share]
    act_share = {CONFIRMATION: 0.167, T02: 0.16, T03: 0.0064, T04: 0.152, T05: 0.152, T06: 0.165,
                 T10: 0.15}
    act_counts = [max(1, round(n_events * act_share.get(a, 0.004))) for a in ACTIVITIES]
    avg = "%.3f" % (n_events / n_traces)
    lines = []
    lines += attr(1, "float", "meta_org:different_groups_average", "4.13")
    lines += attr(1, "float", "meta_time:duration_max", "%.10E" % 2.3832541524e7)
    lines += attr(1, "float", "meta_org:resource_events_standard_deviation", "2.167",
                  per_key(2, "float", RESOURCE_NAMES, ["%.3f" % (c / n_traces * 2) for c in res_counts]))
    lines += attr(1, "string", "meta_3TU:log_type", "Synthetic")
    lines += attr(1, "string", "meta_3TU:language", "eng")
    lines += attr(1, "int", "meta_org:role_events_total", str(n_events),
                  attr(2, "int", "UNKNOWN", str(n_events)))
    lines += attr(1, "string", "meta_3TU:description",
                  "Synthetic data in the shape of the receipt phase of an environmental permit "
                  "application process (CoSeLoG project, NWO 638.001.211). Names, times &amp; "
                  "resources are made up by a seeded generator; no real case is described.")
    lines += attr(1, "int", "meta_general:events_min", str(min_len))
    lines += attr(1, "float", "meta_org:group_events_average", avg,
                  per_key(2, "float", GROUPS, ["%.3f" % (c / n_traces) for c in grp_counts]))
    lines += attr(1, "int", "meta_general:events_max", str(max_len))
    lines += attr(1, "int", "meta_general:traces_total", str(n_traces))
    lines += attr(1, "int", "meta_org:resource_events_total", str(n_events),
                  per_key(2, "int", RESOURCE_NAMES, [str(c) for c in res_counts]))
    lines += attr(1, "int", "meta_concept:named_events_total", str(n_events),
                  per_key(2, "int", ACTIVITIES, [str(c) for c in act_counts]))
    lines += attr(1, "string", "concept:name",
                  "Synthetic receipt phase of an environmental permit application process (‘WABO’), "
                  "after CoSeLoG")
    lines += attr(1, "float", "meta_org:resource_events_average", avg,
                  per_key(2, "float", RESOURCE_NAMES, res_avg))
    # Four levels: int > string > int > int, as meta_general:classifiers in the receipt log.
    classified = []
    for name, keys, values in [("Group classifier", GROUPS, grp_counts),
                               ("Resource classifier", RESOURCE_NAMES, res_counts),
                               ("Activity classifier", [a + "+complete" for a in ACTIVITIES], act_counts)]:
        inner = attr(3, "int", "meta_general:classified_events_total", str(n_events),
                     per_key(4, "int", keys, [str(v) for v in values]))
        inner += attr(3, "float", "meta_general:classified_events_average", avg,
                      per_key(4, "float", keys, ["%.3f" % (v / n_traces) for v in values]))
        classified += attr(2, "string", name, keys is GROUPS and "org:group"
                           or keys is RESOURCE_NAMES and "org:resource"
                           or "concept:name lifecycle:transition", inner)
    lines += attr(1, "int", "meta_general:classifiers", "3", classified)
    lines += attr(1, "int", "meta_life:transition_events_total", str(n_events),
                  attr(2, "int", "complete", str(n_events)))
    lines += attr(1, "date", "meta_time:log_start_time", timestamp(first_ms))
    lines += attr(1, "date", "meta_time:log_end_time", timestamp(last_ms))
    lines += attr(1, "date", "meta_3TU:creation_time", "2014-05-06T16:52:05.840+02:00")
    lines += attr(1, "string", "Eventlog_Created_On", "2012-04-20 08:11:26.118+02")
    lines += attr(1, "string", "meta_3TU:rights", "Public")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------
# Traces.

def weighted(rng, pairs):
    values = [v for v, _ in pairs]
    cum, total = [], 0
    for _, w in pairs:
        total += w
        cum.append(total)
    return lambda: values[bisect.bisect_right(cum, rng.random() * total)]


def trace_lengths(n_events, rng):
    """Trace lengths drawn from the receipt histogram, the last one cut to hit n_events."""
    draw = weighted(rng, LENGTHS)
    lengths, total = [], 0
    while total < n_events:
        k = min(draw(), n_events - total)
        lengths.append(k)
        total += k
    return lengths


def activities_of(length, rng, base_order, extra_choice, advice):
    if length == 1:
        return [CONFIRMATION]
    base = [CONFIRMATION] + [BASE[i] for i in base_order()]
    if length <= 6:
        return base[:length]
    extras = []
    while len(extras) < length - 6:
        room = length - 6 - len(extras)
        kind = extra_choice()
        if kind == "X" and room >= 4:
            block = list(DOCUMENT_X)
            if room >= 5 and rng.random() < 0.3:
                block.insert(3, T13)
            extras += block
        elif kind == "Y" and room >= 4:
            block = list(REPORT_Y)
            if room >= 5 and rng.random() < 0.3:
                block.insert(3, T18)
            extras += block
        elif kind == "rework" and room >= 2:
            extras += [T03, T02]
        else:
            extras.append(advice())
    return base + extras


def generate(out, n_events, rng):
    """Writes the log to the binary stream out; returns (traces, events, bytes)."""
    lengths = trace_lengths(n_events, random.Random(SEED + 1))
    n_traces = len(lengths)
    # Arrival window, for the header's log_start_time / log_end_time (approximate end).
    span_ms = n_traces * ARRIVAL_GAP_MS
    written = 0

    def emit(text):
        nonlocal written
        data = text.encode("utf-8")
        out.write(data)
        written += len(data)

    emit(PROLOGUE)
    emit(header(n_traces, sum(lengths), min(lengths), max(lengths), START_MS, START_MS + span_ms))

    r = rng.random
    base_order = weighted(rng, BASE_ORDERS)
    extra_choice = weighted(rng, [("X", 35), ("Y", 25), ("rework", 25), ("advice", 30)])
    advice = weighted(rng, ADVICE)
    resource = weighted(rng, RESOURCES)
    responsible = weighted(rng, [(n, w) for n, w in RESOURCES[:39]])
    department = weighted(rng, DEPARTMENTS)
    trace_group = weighted(rng, TRACE_GROUPS)
    channel = weighted(rng, CHANNELS)
    gauss = rng.gauss
    expo = rng.expovariate

    arrival = START_MS
    case = FIRST_CASE
    task = FIRST_TASK
    events = 0
    chunk = []
    chunk_len = 0
    for length in lengths:
        arrival += int(expo(1.0 / ARRIVAL_GAP_MS))
        case += 1 + int(r() * 6)  # case numbers rise with gaps, as in the receipt log
        start = arrival
        # Event times: the first a few minutes after the start (a week later at times),
        # then mostly seconds to minutes apart, sometimes hours or weeks, sometimes tied.
        t = start + (int(expo(1 / 200_000)) if r() < 0.85 else int(expo(1 / (7 * DAY_MS))))
        main = resource()
        lines = []
        acts = activities_of(length, rng, base_order, extra_choice, advice)
        for i, act in enumerate(acts):
            if i:
                u = r()
                if u < 0.012:
                    pass  # a tie with the previous event
                elif u < 0.75:
                    t += 1000 + int(expo(1 / 40_000))
                elif u < 0.95:
                    t += int(expo(1 / (3 * HOUR_MS)))
                else:
                    t += int(expo(1 / (12 * DAY_MS)))
            task += 1 + int(r() * 3)
            group, empty = GROUP_OF[act]
            if r() < empty:
                group = "EMPTY"
            lines.append('\t\t<event>\n\t\t\t<string key="org:group" value="%s"/>\n'
                         '\t\t\t<string key="concept:instance" value="task-%d"/>\n' % (group, task))
            if r() >= 0.03:  # about 3% of events carry no resource
                who = main if r() < 0.7 else resource()
                lines.append('\t\t\t<string key="org:resource" value="%s"/>\n' % who)
            lines.append('\t\t\t<string key="concept:name" value="%s"/>\n'
                         '\t\t\t<date key="time:timestamp" value="%s"/>\n'
                         '\t\t\t<string key="lifecycle:transition" value="complete"/>\n'
                         '\t\t</event>\n' % (act, timestamp(t)))
        events += length
        deadline = start + 56 * DAY_MS - int(r() * 60_000)
        planned = deadline + 10
        has_end = r() < 0.927
        has_group = r() < (0.39 if has_end else 0.886)
        head = ['\t<trace>\n\t\t<date key="startdate" value="%s"/>\n'
                '\t\t<string key="responsible" value="%s"/>\n'
                '\t\t<date key="enddate_planned" value="%s"/>\n'
                '\t\t<string key="department" value="%s"/>\n'
                % (timestamp(start), responsible(), timestamp(planned), department())]
        if has_end:
            head.append('\t\t<date key="enddate" value="%s"/>\n' % timestamp(t + int(expo(1 / 30_000))))
        if has_group:
            head.append('\t\t<string key="group" value="%s"/>\n' % trace_group())
        name = '\t\t<string key="concept:name" value="case-%d"/>\n' % case
        dl = '\t\t<date key="deadline" value="%s"/>\n' % timestamp(deadline)
        ch = '\t\t<string key="channel" value="%s"/>\n' % channel()
        # Attribute order as in the receipt log: channel before deadline on traces with an
        # enddate and no group, after it otherwise.
        if has_end and not has_group:
            head += [name, ch, dl]
        else:
            head += [name, dl, ch]
        chunk.append("".join(head))
        chunk.append("".join(lines))
        chunk.append("\t</trace>\n")
        chunk_len += length
        if chunk_len >= 4096:
            emit("".join(chunk))
            chunk, chunk_len = [], 0
    chunk.append("</log>\n")
    emit("".join(chunk))
    return n_traces, events, written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", metavar="OUT.xes")
    parser.add_argument("--events", type=int, default=260_000, metavar="N",
                        help="number of events (default 260000)")
    parser.add_argument("--gzip", action="store_true",
                        help="gzip the output (implied by an OUT ending in .gz)")
    args = parser.parse_args()
    if args.events < 1:
        parser.error("--events must be at least 1")
    compress = args.gzip or args.out.endswith(".gz")
    tmp = args.out + ".tmp"
    try:
        with open(tmp, "wb") as raw:
            if compress:
                with gzip.GzipFile(os.path.basename(args.out), "wb", 6, raw, mtime=0) as out:
                    counts = generate(out, args.events, random.Random(SEED))
            else:
                counts = generate(raw, args.events, random.Random(SEED))
        os.replace(tmp, args.out)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    traces, events, size = counts
    note = ""
    if compress:
        note = " (%d bytes gzip-compressed)" % os.path.getsize(args.out)
    print("%s: %d traces, %d events, %d bytes%s" % (args.out, traces, events, size, note),
          file=sys.stderr)


if __name__ == "__main__":
    main()
