#include "kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kit's Fill pattern (xmemck.ops.Fill): low byte of splitmix64(seed ^ (offset * golden)). */
uint8_t fill_byte(uint64_t seed, int64_t offset) {
    uint64_t x = seed ^ ((uint64_t)offset * 0x9E3779B97F4A7C15ULL);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    x = x ^ (x >> 31);
    return (uint8_t)x;
}

void world_init(world_t *w) {
    memset(w, 0, sizeof *w);
    w->kernel = calloc(1, sizeof(space_t));
    if (!w->kernel) {
        fputs("xmemck-c-example: out of memory\n", stderr);
        exit(3);
    }
    strcpy(w->kernel->name, "kernel");
    w->kernel->is_kernel = 1;
    w->kernel->next_seg = 1; /* kernel segment 0 stays unmapped: KERNELBASE itself is no object */
}

void world_free(world_t *w) {
    for (object_t *o = w->objects, *n; o; o = n) {
        n = o->next;
        for (int64_t i = 0; i < o->pages + 2; i++) free(o->pt[i].data);
        free(o->pt);
        free(o->adi);
        free(o);
    }
    for (space_t *s = w->spaces, *n; s; s = n) {
        n = s->next;
        free(s);
    }
    for (xmem_t *x = w->descs, *n; x; x = n) {
        n = x->next;
        free(x);
    }
    free(w->kernel);
    memset(w, 0, sizeof *w);
}

space_t *space_find(world_t *w, const char *name) {
    if (strcmp(name, "kernel") == 0) return w->kernel;
    for (space_t *s = w->spaces; s; s = s->next)
        if (strcmp(s->name, name) == 0) return s;
    return NULL;
}

space_t *space_create(world_t *w, const char *name, char *err, int errlen) {
    if (space_find(w, name)) {
        snprintf(err, (size_t)errlen, "process \"%s\" already exists", name);
        return NULL;
    }
    space_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, (size_t)errlen, "out of memory");
        return NULL;
    }
    snprintf(s->name, sizeof s->name, "%s", name);
    s->next_seg = UBLOCK_SEG + 1;
    s->next = w->spaces;
    w->spaces = s;
    return s;
}

object_t *object_find(world_t *w, const char *name) {
    for (object_t *o = w->objects; o; o = o->next)
        if (strcmp(o->name, name) == 0) return o;
    return NULL;
}

object_t *object_create(world_t *w, const char *name, space_t *sp, int64_t pages, int prot, uint64_t seed, int is_file,
                        char *err, int errlen) {
    if (object_find(w, name)) {
        snprintf(err, (size_t)errlen, "an object named \"%s\" already exists", name);
        return NULL;
    }
    uint64_t bytes = (uint64_t)(pages + 2) * PAGE_SIZE;
    unsigned nsegs = (unsigned)((bytes + SEG_SIZE - 1) / SEG_SIZE);
    unsigned limit = sp->is_kernel ? NSEGS : UNMAPPED_SEG;
    if (sp->next_seg + nsegs > limit) {
        snprintf(err, (size_t)errlen, "address space %s has no %u free segments left", sp->name, nsegs);
        return NULL;
    }
    object_t *o = calloc(1, sizeof *o);
    page_t *pt = calloc((size_t)(pages + 2), sizeof(page_t));
    if (!o || !pt) {
        free(o);
        free(pt);
        snprintf(err, (size_t)errlen, "out of memory for %lld pages", (long long)pages);
        return NULL;
    }
    snprintf(o->name, sizeof o->name, "%s", name);
    o->is_file = is_file;
    o->space = sp;
    o->pages = pages;
    o->seed = seed;
    o->pt = pt;
    for (int64_t i = 0; i < pages + 2; i++) {
        int guard = i == 0 || i == pages + 1;
        pt[i].prot = guard ? P_RW : (uint8_t)prot; /* guard pages: plain read-write memory */
        pt[i].state = S_RESIDENT;
        pt[i].mapped = 1;
        pt[i].frame = 1;
    }
    o->segno = sp->next_seg;
    o->nsegs = nsegs;
    for (unsigned s = 0; s < nsegs; s++) sp->seg[o->segno + s] = o;
    sp->next_seg += nsegs;
    o->next = w->objects;
    w->objects = o;
    return o;
}

xmem_t *xmem_get(world_t *w, const char *name, int create) {
    for (xmem_t *x = w->descs; x; x = x->next)
        if (strcmp(x->name, name) == 0) return x;
    if (!create) return NULL;
    xmem_t *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    snprintf(x->name, sizeof x->name, "%s", name);
    x->next = w->descs;
    w->descs = x;
    return x;
}

page_t *page_of(object_t *o, int64_t p) {
    if (p < -1 || p > o->pages) return NULL;
    return &o->pt[p + 1];
}

static uint64_t seg_base(const space_t *sp, unsigned segno) {
    return (sp->is_kernel ? KERNELBASE : 0) + ((uint64_t)segno << SEG_SHIFT);
}

uint64_t ea_of(const object_t *o, int64_t offset) {
    return seg_base(o->space, o->segno) + PAGE_SIZE + (uint64_t)offset;
}

enum tr translate(const space_t *sp, uint64_t ea, object_t **obj, int64_t *off) {
    ea &= EA_MASK; /* the ADI version bits are not part of the address */
    uint64_t rel;
    if (sp->is_kernel) {
        if (ea < KERNELBASE) return ea < SEG_SIZE ? T_NULL : T_UNMAPPED;
        rel = ea - KERNELBASE;
    } else {
        if (ea >= USER_LIMIT) return T_KERNEL_ADDR;
        rel = ea;
    }
    uint64_t segno = rel >> SEG_SHIFT;
    if (segno >= NSEGS) return T_UNMAPPED;
    if (!sp->is_kernel && segno == NULL_SEG) return T_NULL;
    if (!sp->is_kernel && segno == UBLOCK_SEG) return T_UBLOCK;
    object_t *o = sp->seg[segno];
    if (!o) return T_UNMAPPED;
    int64_t o_off = (int64_t)(rel - ((uint64_t)o->segno << SEG_SHIFT)) - PAGE_SIZE;
    if (o_off >= (o->pages + 1) * PAGE_SIZE) return T_UNMAPPED; /* the unused tail of its last segment */
    *obj = o;
    *off = o_off;
    return T_OK;
}

static uint8_t *materialise(object_t *o, int64_t p) {
    page_t *pg = page_of(o, p);
    if (!pg->data) {
        pg->data = malloc(PAGE_SIZE);
        if (!pg->data) {
            fputs("xmemck-c-example: out of memory\n", stderr);
            exit(3);
        }
        int64_t base = p * PAGE_SIZE;
        for (int i = 0; i < PAGE_SIZE; i++) pg->data[i] = fill_byte(o->seed, base + i);
    }
    return pg->data;
}

void obj_read(object_t *o, int64_t off, uint8_t *dst, int64_t n) {
    while (n > 0) {
        int64_t p = page_index(off);
        int64_t in = off - p * PAGE_SIZE;
        int64_t k = PAGE_SIZE - in < n ? PAGE_SIZE - in : n;
        page_t *pg = page_of(o, p);
        if (pg && pg->data) memcpy(dst, pg->data + in, (size_t)k);
        else
            for (int64_t i = 0; i < k; i++) dst[i] = fill_byte(o->seed, off + i);
        dst += k;
        off += k;
        n -= k;
    }
}

void obj_write(object_t *o, int64_t off, const uint8_t *src, int64_t n) {
    while (n > 0) {
        int64_t p = page_index(off);
        int64_t in = off - p * PAGE_SIZE;
        int64_t k = PAGE_SIZE - in < n ? PAGE_SIZE - in : n;
        if (page_of(o, p)) memcpy(materialise(o, p) + in, src, (size_t)k);
        src += k;
        off += k;
        n -= k;
    }
}

void obj_zero(object_t *o, int64_t off, int64_t n) {
    while (n > 0) {
        int64_t p = page_index(off);
        int64_t in = off - p * PAGE_SIZE;
        int64_t k = PAGE_SIZE - in < n ? PAGE_SIZE - in : n;
        if (page_of(o, p)) memset(materialise(o, p) + in, 0, (size_t)k);
        off += k;
        n -= k;
    }
}
