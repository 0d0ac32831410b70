#ifndef DUCHA_CEDITLINE_SHIM_H
#define DUCHA_CEDITLINE_SHIM_H
/*
 * libedit's wide-character API. Never include <readline/readline.h>: that is GNU
 * readline. Swift cannot call C variadic functions, so each el_wset / el_wget /
 * history_w operation the shell uses has a non-variadic wrapper here. The wrappers
 * hold no state.
 */
#include <histedit.h>
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <dlfcn.h>
#include <stdio.h>

typedef wchar_t *(*ducha_prompt_fn)(EditLine *);
typedef unsigned char (*ducha_command_fn)(EditLine *, int);

/*
 * libedit is opened when a person first needs it (dlopen), not linked: batch runs
 * (-c, -f, pipes) then never load it and the libraries it pulls in, which cost about
 * a quarter of a millisecond at every start. The functions the shell uses are looked
 * up once; every call below goes through them.
 */
struct ducha_editline {
    int state; /* 0 not tried, 1 loaded, -1 unavailable */
    EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
    void (*el_end)(EditLine *);
    int (*el_wset)(EditLine *, int, ...);
    int (*el_wget)(EditLine *, int, ...);
    void (*el_resize)(EditLine *);
    const wchar_t *(*el_wgets)(EditLine *, int *);
    const LineInfoW *(*el_wline)(EditLine *);
    void (*el_deletestr)(EditLine *, int);
    int (*el_winsertstr)(EditLine *, const wchar_t *);
    HistoryW *(*history_winit)(void);
    void (*history_wend)(HistoryW *);
    int (*history_w)(HistoryW *, HistEventW *, int, ...);
};

static inline struct ducha_editline *ducha_editline(void) {
    static struct ducha_editline api;
    if (api.state != 0) return &api;
    static const char *const names[] = { "libedit.so.2", "libedit.so", "libedit.3.dylib", "libedit.dylib" };
    void *library = 0;
    for (unsigned i = 0; !library && i < sizeof names / sizeof names[0]; i++) library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    api.state = -1;
    if (!library) return &api;
#define DUCHA_FIND(name) if (!(*(void **)&api.name = dlsym(library, #name))) { dlclose(library); return &api; }
    DUCHA_FIND(el_init) DUCHA_FIND(el_end) DUCHA_FIND(el_wset) DUCHA_FIND(el_wget) DUCHA_FIND(el_resize)
    DUCHA_FIND(el_wgets) DUCHA_FIND(el_wline) DUCHA_FIND(el_deletestr) DUCHA_FIND(el_winsertstr)
    DUCHA_FIND(history_winit) DUCHA_FIND(history_wend) DUCHA_FIND(history_w)
#undef DUCHA_FIND
    api.state = 1;
    return &api;
}

/* Whether libedit could be opened; every other function here needs it. */
static inline int ducha_editline_available(void) {
    return ducha_editline()->state == 1;
}
static inline EditLine *ducha_el_init(const char *program, FILE *in, FILE *out, FILE *err) {
    return ducha_editline()->el_init(program, in, out, err);
}
static inline void ducha_el_end(EditLine *el) { ducha_editline()->el_end(el); }
static inline void ducha_el_resize(EditLine *el) { ducha_editline()->el_resize(el); }
static inline const wchar_t *ducha_el_wgets(EditLine *el, int *count) { return ducha_editline()->el_wgets(el, count); }
static inline const LineInfoW *ducha_el_wline(EditLine *el) { return ducha_editline()->el_wline(el); }
static inline void ducha_el_deletestr(EditLine *el, int count) { ducha_editline()->el_deletestr(el, count); }
static inline int ducha_el_winsertstr(EditLine *el, const wchar_t *text) { return ducha_editline()->el_winsertstr(el, text); }
static inline HistoryW *ducha_history_winit(void) { return ducha_editline()->history_winit(); }
static inline void ducha_history_wend(HistoryW *h) { ducha_editline()->history_wend(h); }

static inline int ducha_el_set_prompt(EditLine *el, ducha_prompt_fn fn) {
    return ducha_editline()->el_wset(el, EL_PROMPT, fn);
}
static inline int ducha_el_set_editor(EditLine *el, const wchar_t *mode) {
    return ducha_editline()->el_wset(el, EL_EDITOR, mode);
}
static inline int ducha_el_set_signal(EditLine *el, int on) {
    return ducha_editline()->el_wset(el, EL_SIGNAL, on);
}
static inline int ducha_el_set_history(EditLine *el, HistoryW *h) {
    return ducha_editline()->el_wset(el, EL_HIST, ducha_editline()->history_w, h);
}
static inline int ducha_el_add_function(EditLine *el, const wchar_t *name, const wchar_t *help, ducha_command_fn fn) {
    return ducha_editline()->el_wset(el, EL_ADDFN, name, help, fn);
}
static inline int ducha_el_bind(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return ducha_editline()->el_wset(el, EL_BIND, key, function, (const wchar_t *)0);
}
static inline int ducha_el_set_getc(EditLine *el, el_rfunc_t fn) {
    return ducha_editline()->el_wset(el, EL_GETCFN, fn);
}
static inline int ducha_el_set_client_data(EditLine *el, void *data) {
    return ducha_editline()->el_wset(el, EL_CLIENTDATA, data);
}
static inline void *ducha_el_client_data(EditLine *el) {
    void *data = 0;
    ducha_editline()->el_wget(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int ducha_history_set_size(HistoryW *h, int size) {
    HistEventW ev;
    return ducha_editline()->history_w(h, &ev, H_SETSIZE, size);
}
static inline int ducha_history_set_unique(HistoryW *h, int unique) {
    HistEventW ev;
    return ducha_editline()->history_w(h, &ev, H_SETUNIQUE, unique);
}
static inline int ducha_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return ducha_editline()->history_w(h, &ev, H_ENTER, line);
}
static inline int ducha_history_load(HistoryW *h, const char *path) {
    HistEventW ev;
    return ducha_editline()->history_w(h, &ev, H_LOAD, path);
}
static inline int ducha_history_save(HistoryW *h, const char *path) {
    HistEventW ev;
    return ducha_editline()->history_w(h, &ev, H_SAVE, path);
}
/* nl_langinfo(CODESET) as a plain call: CODESET is an enum value Swift sees oddly on glibc. */
static inline const char *ducha_codeset(void) {
    return nl_langinfo(CODESET);
}
#endif
