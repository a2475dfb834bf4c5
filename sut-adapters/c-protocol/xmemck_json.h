/*
 * Private to the xmemck protocol library: a minimal JSON reader, an output buffer with the JSON writer's pieces,
 * and base64. Implementations include xmemck_protocol.h only; they never see JSON.
 *
 * Every global name starts with xpj_ because these symbols are linked into the implementation's program, which may
 * well have a "buf" or a "json_parse" of its own.
 */
#ifndef XMEMCK_JSON_H
#define XMEMCK_JSON_H

#include <stddef.h>
#include <stdint.h>

typedef enum { XPJ_NULL, XPJ_BOOL, XPJ_NUM, XPJ_STR, XPJ_ARR, XPJ_OBJ } xpj_kind;

/* One parsed value. Arrays and objects chain their elements through child/next; members carry their key. */
typedef struct xpj_node {
    xpj_kind kind;
    int boolean;
    int64_t num;        /* XPJ_NUM: the value, when num_exact */
    int num_exact;      /* XPJ_NUM: an integer that fits in int64_t */
    uint64_t unum;      /* XPJ_NUM: the value, when unum_exact */
    int unum_exact;     /* XPJ_NUM: a non-negative integer that fits in uint64_t (a size_t on the wire) */
    const char *str;    /* XPJ_STR: NUL-terminated (the protocol never needs an embedded NUL) */
    size_t len;
    const char *key;    /* set on object members */
    struct xpj_node *child;
    struct xpj_node *next;
} xpj_node;

/* Bump allocator for one message, in chained blocks; xpj_arena_reset empties it and keeps the first block. */
typedef struct xpj_block {
    struct xpj_block *prev;
    size_t cap, used;
    char mem[];
} xpj_block;

typedef struct {
    xpj_block *top;
} xpj_arena;

void *xpj_alloc(xpj_arena *a, size_t n);
void xpj_arena_reset(xpj_arena *a);
void xpj_arena_free(xpj_arena *a);

/* Parses text[0..len) into the arena (which it resets first). Returns NULL and fills err on a syntax error. */
xpj_node *xpj_parse(xpj_arena *a, const char *text, size_t len, char *err, size_t errlen);

/* The member named key of an object, or NULL. */
const xpj_node *xpj_get(const xpj_node *obj, const char *key);

/* A growable output buffer, always NUL-terminated. */
typedef struct {
    char *data;
    size_t len, cap;
} xpj_buf;

/* Names the program in the one message the buffer can print (out of memory, then exit status 3). */
extern const char *xpj_program;

void xpj_reserve(xpj_buf *b, size_t more);
void xpj_put(xpj_buf *b, const char *s, size_t n);
void xpj_puts(xpj_buf *b, const char *s);
void xpj_putc(xpj_buf *b, char c);
void xpj_i64(xpj_buf *b, int64_t v);
/* A JSON string literal, with the escapes JSON requires. */
void xpj_str(xpj_buf *b, const char *s);
/* Standard base64 with padding (RFC 4648). */
void xpj_base64(xpj_buf *b, const uint8_t *data, size_t n);

#endif
