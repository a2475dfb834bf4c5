/* A minimal JSON reader and writer: just what the xmemck line protocol needs. */
#ifndef XMEMCK_JSON_H
#define XMEMCK_JSON_H

#include <stddef.h>
#include <stdint.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jkind;

/* One parsed value. Arrays and objects chain their elements through child/next; members carry their key. */
typedef struct jnode {
    jkind kind;
    int boolean;
    int64_t num;        /* J_NUM: the value, when num_exact */
    int num_exact;      /* J_NUM: an integer that fits in int64_t */
    uint64_t unum;      /* J_NUM: the value, when unum_exact */
    int unum_exact;     /* J_NUM: a non-negative integer that fits in uint64_t (a size_t on the wire) */
    const char *str;    /* J_STR: NUL-terminated (no embedded NUL is ever needed by the protocol) */
    size_t len;
    const char *key;    /* set on object members */
    struct jnode *child;
    struct jnode *next;
} jnode;

/* Bump allocator for one message, in chained blocks; arena_reset empties it and keeps the first block. */
typedef struct arena_block {
    struct arena_block *prev;
    size_t cap, used;
    char mem[];
} arena_block;

typedef struct {
    arena_block *top;
} arena;

void arena_reset(arena *a);
void arena_free(arena *a);

/* Parses text[0..len). Returns NULL and fills err on a syntax error. */
jnode *json_parse(arena *a, const char *text, size_t len, char *err, size_t errlen);

/* The member named key of an object, or NULL. */
const jnode *json_get(const jnode *obj, const char *key);

/* A growable output buffer. */
typedef struct {
    char *data;
    size_t len, cap;
} buf;

void buf_reserve(buf *b, size_t more);
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_i64(buf *b, int64_t v);
/* A JSON string literal, with the escapes JSON requires. */
void buf_jstr(buf *b, const char *s);
/* Standard base64 with padding (RFC 4648). */
void buf_base64(buf *b, const uint8_t *data, size_t n);

#endif
