/* The JSON reader and writer of the xmemck protocol library (see xmemck_json.h). */
#include "xmemck_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

const char *xpj_program = "xmemck implementation";

void *xpj_alloc(xpj_arena *a, size_t n) {
    n = (n + 15) & ~(size_t)15;
    if (!a->top || a->top->used + n > a->top->cap) {
        size_t cap = n > 65536 ? n : 65536;
        xpj_block *b = malloc(sizeof(xpj_block) + cap);
        if (!b) return NULL;
        b->prev = a->top;
        b->cap = cap;
        b->used = 0;
        a->top = b;
    }
    void *p = a->top->mem + a->top->used;
    a->top->used += n;
    return p;
}

void xpj_arena_reset(xpj_arena *a) {
    while (a->top && a->top->prev) {
        xpj_block *prev = a->top->prev;
        free(a->top);
        a->top = prev;
    }
    if (a->top) a->top->used = 0;
}

void xpj_arena_free(xpj_arena *a) {
    xpj_arena_reset(a);
    free(a->top);
    a->top = NULL;
}

typedef struct {
    xpj_arena *a;
    const char *s;
    size_t len, pos;
    int depth;
    char *err;
    size_t errlen;
    int failed;
} parser;

static void fail(parser *p, const char *what) {
    if (!p->failed) snprintf(p->err, p->errlen, "JSON syntax error at character %zu: %s", p->pos + 1, what);
    p->failed = 1;
}

static void skip_ws(parser *p) {
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
        p->pos++;
    }
}

static xpj_node *node(parser *p, xpj_kind k) {
    xpj_node *n = xpj_alloc(p->a, sizeof(xpj_node));
    if (!n) {
        fail(p, "message too complex");
        return NULL;
    }
    memset(n, 0, sizeof *n);
    n->kind = k;
    return n;
}

static xpj_node *value(parser *p);

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Parses a string literal at p->pos (on the opening quote) into the xpj_arena. */
static const char *string(parser *p, size_t *outlen) {
    p->pos++;
    /* Find the closing quote first: the decoded string is never longer than the literal. */
    size_t end = p->pos;
    while (end < p->len && p->s[end] != '"') end += p->s[end] == '\\' ? 2 : 1;
    char *out = xpj_alloc(p->a, (end < p->len ? end : p->len) - p->pos + 1);
    if (!out) {
        fail(p, "out of memory for a string");
        return NULL;
    }
    size_t n = 0;
    while (p->pos < p->len) {
        unsigned char c = (unsigned char)p->s[p->pos++];
        if (c == '"') {
            out[n] = '\0';
            *outlen = n;
            return out;
        }
        if (c < 0x20) {
            p->pos--;
            fail(p, "control character inside a string");
            return NULL;
        }
        if (c != '\\') {
            out[n++] = (char)c;
            continue;
        }
        if (p->pos >= p->len) break;
        char e = p->s[p->pos++];
        switch (e) {
            case '"': out[n++] = '"'; break;
            case '\\': out[n++] = '\\'; break;
            case '/': out[n++] = '/'; break;
            case 'b': out[n++] = '\b'; break;
            case 'f': out[n++] = '\f'; break;
            case 'n': out[n++] = '\n'; break;
            case 'r': out[n++] = '\r'; break;
            case 't': out[n++] = '\t'; break;
            case 'u': {
                if (p->pos + 4 > p->len) {
                    fail(p, "incomplete \\u escape");
                    return NULL;
                }
                unsigned code = 0;
                for (int i = 0; i < 4; i++) {
                    int d = hexval(p->s[p->pos + i]);
                    if (d < 0) {
                        fail(p, "bad hex digit in \\u escape");
                        return NULL;
                    }
                    code = code * 16 + (unsigned)d;
                }
                p->pos += 4;
                /* UTF-8 for the basic plane; surrogates are kept as they are (never used by the protocol). */
                if (code < 0x80) {
                    out[n++] = (char)code;
                } else if (code < 0x800) {
                    out[n++] = (char)(0xC0 | (code >> 6));
                    out[n++] = (char)(0x80 | (code & 0x3F));
                } else {
                    out[n++] = (char)(0xE0 | (code >> 12));
                    out[n++] = (char)(0x80 | ((code >> 6) & 0x3F));
                    out[n++] = (char)(0x80 | (code & 0x3F));
                }
                break;
            }
            default:
                p->pos--;
                fail(p, "unknown escape in a string");
                return NULL;
        }
    }
    fail(p, "unterminated string");
    return NULL;
}

static xpj_node *number(parser *p) {
    size_t start = p->pos;
    int integral = 1;
    if (p->s[p->pos] == '-') p->pos++;
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9') {
        fail(p, "expected a digit");
        return NULL;
    }
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') p->pos++;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        integral = 0;
        p->pos++;
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        integral = 0;
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-')) p->pos++;
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') p->pos++;
    }
    xpj_node *n = node(p, XPJ_NUM);
    if (!n) return NULL;
    if (integral) {
        /* Exact 64-bit parse with overflow detection: signed -2^63 .. 2^63-1, and unsigned up to 2^64-1. */
        size_t i = start;
        int neg = 0;
        if (p->s[i] == '-') {
            neg = 1;
            i++;
        }
        uint64_t mag = 0, limit = neg ? (uint64_t)INT64_MAX + 1 : UINT64_MAX;
        int ok = 1;
        for (; i < p->pos; i++) {
            unsigned d = (unsigned)(p->s[i] - '0');
            if (mag > (limit - d) / 10) {
                ok = 0;
                break;
            }
            mag = mag * 10 + d;
        }
        if (ok && !neg) {
            n->unum_exact = 1;
            n->unum = mag;
        }
        if (ok && (neg || mag <= (uint64_t)INT64_MAX)) {
            n->num_exact = 1;
            n->num = neg ? (int64_t)(0 - mag) : (int64_t)mag;
        }
    }
    return n;
}

static xpj_node *value(parser *p) {
    skip_ws(p);
    if (p->pos >= p->len) {
        fail(p, "unexpected end of text");
        return NULL;
    }
    char c = p->s[p->pos];
    if (c == '{' || c == '[') {
        if (++p->depth > MAX_DEPTH) {
            fail(p, "nesting too deep");
            return NULL;
        }
        int obj = c == '{';
        char close = obj ? '}' : ']';
        xpj_node *n = node(p, obj ? XPJ_OBJ : XPJ_ARR);
        if (!n) return NULL;
        p->pos++;
        skip_ws(p);
        xpj_node **tail = &n->child;
        if (p->pos < p->len && p->s[p->pos] == close) {
            p->pos++;
            p->depth--;
            return n;
        }
        for (;;) {
            const char *key = NULL;
            if (obj) {
                skip_ws(p);
                size_t klen;
                if (p->pos >= p->len || p->s[p->pos] != '"') {
                    fail(p, "expected a member name");
                    return NULL;
                }
                key = string(p, &klen);
                if (!key) return NULL;
                skip_ws(p);
                if (p->pos >= p->len || p->s[p->pos] != ':') {
                    fail(p, "expected ':'");
                    return NULL;
                }
                p->pos++;
            }
            xpj_node *v = value(p);
            if (!v) return NULL;
            v->key = key;
            *tail = v;
            tail = &v->next;
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->len && p->s[p->pos] == close) {
                p->pos++;
                break;
            }
            fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
            return NULL;
        }
        p->depth--;
        return n;
    }
    if (c == '"') {
        xpj_node *n = node(p, XPJ_STR);
        if (!n) return NULL;
        n->str = string(p, &n->len);
        return n->str ? n : NULL;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(p);
    const char *words[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++) {
        size_t wl = strlen(words[i]);
        if (p->len - p->pos >= wl && memcmp(p->s + p->pos, words[i], wl) == 0) {
            p->pos += wl;
            xpj_node *n = node(p, i == 2 ? XPJ_NULL : XPJ_BOOL);
            if (n) n->boolean = i == 0;
            return n;
        }
    }
    fail(p, "expected a value");
    return NULL;
}

xpj_node *xpj_parse(xpj_arena *a, const char *text, size_t len, char *err, size_t errlen) {
    xpj_arena_reset(a);
    parser p = {a, text, len, 0, 0, err, errlen, 0};
    xpj_node *v = value(&p);
    if (!v) return NULL;
    skip_ws(&p);
    if (p.pos < len) {
        fail(&p, "unexpected text after the value");
        return NULL;
    }
    return v;
}

const xpj_node *xpj_get(const xpj_node *obj, const char *key) {
    if (!obj || obj->kind != XPJ_OBJ) return NULL;
    for (const xpj_node *m = obj->child; m; m = m->next)
        if (strcmp(m->key, key) == 0) return m;
    return NULL;
}

void xpj_reserve(xpj_buf *b, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            fprintf(stderr, "%s: out of memory\n", xpj_program);
            exit(3);
        }
        b->data = d;
        b->cap = cap;
    }
}

void xpj_put(xpj_buf *b, const char *s, size_t n) {
    xpj_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void xpj_puts(xpj_buf *b, const char *s) { xpj_put(b, s, strlen(s)); }

void xpj_putc(xpj_buf *b, char c) { xpj_put(b, &c, 1); }

void xpj_i64(xpj_buf *b, int64_t v) {
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    xpj_put(b, tmp, (size_t)n);
}

void xpj_str(xpj_buf *b, const char *s) {
    xpj_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"') xpj_puts(b, "\\\"");
        else if (c == '\\') xpj_puts(b, "\\\\");
        else if (c == '\n') xpj_puts(b, "\\n");
        else if (c == '\t') xpj_puts(b, "\\t");
        else if (c == '\r') xpj_puts(b, "\\r");
        else if (c < 0x20) {
            char tmp[8];
            snprintf(tmp, sizeof tmp, "\\u%04x", c);
            xpj_puts(b, tmp);
        } else xpj_putc(b, (char)c);
    }
    xpj_putc(b, '"');
}

void xpj_base64(xpj_buf *b, const uint8_t *d, size_t n) {
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t out = (n + 2) / 3 * 4;
    xpj_reserve(b, out);
    char *o = b->data + b->len;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8 | d[i + 2];
        *o++ = A[v >> 18];
        *o++ = A[(v >> 12) & 63];
        *o++ = A[(v >> 6) & 63];
        *o++ = A[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)d[i] << 16;
        *o++ = A[v >> 18];
        *o++ = A[(v >> 12) & 63];
        *o++ = '=';
        *o++ = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)d[i + 1] << 8;
        *o++ = A[v >> 18];
        *o++ = A[(v >> 12) & 63];
        *o++ = A[(v >> 6) & 63];
        *o++ = '=';
    }
    b->len += out;
    b->data[b->len] = '\0';
}
