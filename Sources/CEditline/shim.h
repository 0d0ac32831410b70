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

typedef wchar_t *(*ducha_prompt_fn)(EditLine *);
typedef unsigned char (*ducha_command_fn)(EditLine *, int);

static inline int ducha_el_set_prompt(EditLine *el, ducha_prompt_fn fn) {
    return el_wset(el, EL_PROMPT, fn);
}
static inline int ducha_el_set_editor(EditLine *el, const wchar_t *mode) {
    return el_wset(el, EL_EDITOR, mode);
}
static inline int ducha_el_set_signal(EditLine *el, int on) {
    return el_wset(el, EL_SIGNAL, on);
}
static inline int ducha_el_set_history(EditLine *el, HistoryW *h) {
    return el_wset(el, EL_HIST, history_w, h);
}
static inline int ducha_el_add_function(EditLine *el, const wchar_t *name, const wchar_t *help, ducha_command_fn fn) {
    return el_wset(el, EL_ADDFN, name, help, fn);
}
static inline int ducha_el_bind(EditLine *el, const wchar_t *key, const wchar_t *function) {
    return el_wset(el, EL_BIND, key, function, (const wchar_t *)0);
}
static inline int ducha_el_set_getc(EditLine *el, el_rfunc_t fn) {
    return el_wset(el, EL_GETCFN, fn);
}
static inline int ducha_el_set_client_data(EditLine *el, void *data) {
    return el_wset(el, EL_CLIENTDATA, data);
}
static inline void *ducha_el_client_data(EditLine *el) {
    void *data = 0;
    el_wget(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int ducha_history_set_size(HistoryW *h, int size) {
    HistEventW ev;
    return history_w(h, &ev, H_SETSIZE, size);
}
static inline int ducha_history_set_unique(HistoryW *h, int unique) {
    HistEventW ev;
    return history_w(h, &ev, H_SETUNIQUE, unique);
}
static inline int ducha_history_enter(HistoryW *h, const wchar_t *line) {
    HistEventW ev;
    return history_w(h, &ev, H_ENTER, line);
}
static inline int ducha_history_load(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_LOAD, path);
}
static inline int ducha_history_save(HistoryW *h, const char *path) {
    HistEventW ev;
    return history_w(h, &ev, H_SAVE, path);
}
/* nl_langinfo(CODESET) as a plain call: CODESET is an enum value Swift sees oddly on glibc. */
static inline const char *ducha_codeset(void) {
    return nl_langinfo(CODESET);
}
#endif
