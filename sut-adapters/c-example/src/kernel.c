#include "kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmemck_protocol.h" /* the kit's Fill pattern, which gives every page its content until it is written */

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
        for (int64_t i = 0; i < o->pages + 2; i++)
            if (!(o->below_ublock && i == o->pages + 1)) free(o->pt[i].data); /* the user block is the space's */
        free(o->pt);
        free(o->adi);
        free(o->damaged);
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

/*
 * Finds room for an object of `pages` pages and its two guard pages: sets o->segno, o->nsegs and o->seg_off. Returns
 * 0, or -1 with err filled when the space has no room for it.
 */
static int place_object(object_t *o, space_t *sp, placement_t place, char *err, int errlen) {
    uint64_t bytes = (uint64_t)(o->pages + 2) * PAGE_SIZE;
    switch (place.kind) {
        case PLACE_BELOW_UBLOCK: {
            /* The region and its guard page before end where the user block begins; its guard page after is the
             * user block's first page, so only pages + 1 pages take room below it. */
            uint64_t below = (uint64_t)(o->pages + 1) * PAGE_SIZE;
            o->nsegs = (unsigned)((below + SEG_SIZE - 1) / SEG_SIZE);
            if (sp->is_kernel || o->nsegs > BELOW_UBLOCK_SEGS) {
                snprintf(err, (size_t)errlen, "no room for %lld pages below the user block of %s", (long long)o->pages, sp->name);
                return -1;
            }
            if (sp->seg[UBLOCK_SEG - 1]) {
                snprintf(err, (size_t)errlen, "region \"%s\" already lies below the user block of %s", sp->seg[UBLOCK_SEG - 1]->name, sp->name);
                return -1;
            }
            o->segno = UBLOCK_SEG - o->nsegs;
            o->seg_off = (uint64_t)o->nsegs * SEG_SIZE - below;
            return 0;
        }
        case PLACE_ACROSS_SEGMENTS:
            /* Start as far into a segment as puts page boundary_page at the start of a later one. */
            o->seg_off = (SEG_SIZE - (uint64_t)(place.boundary_page + 1) * PAGE_SIZE % SEG_SIZE) % SEG_SIZE;
            break;
        case PLACE_OWN_SEGMENTS:
            o->seg_off = 0;
            break;
    }
    o->nsegs = (unsigned)((o->seg_off + bytes + SEG_SIZE - 1) / SEG_SIZE);
    unsigned limit = sp->is_kernel ? NSEGS : UNMAPPED_SEG;
    if (sp->next_seg + o->nsegs > limit) {
        snprintf(err, (size_t)errlen, "address space %s has no %u free segments left", sp->name, o->nsegs);
        return -1;
    }
    o->segno = sp->next_seg;
    sp->next_seg += o->nsegs;
    return 0;
}

object_t *object_create(world_t *w, const char *name, space_t *sp, int64_t pages, int prot, uint64_t seed, int is_file,
                        placement_t place, char *err, int errlen) {
    if (object_find(w, name)) {
        snprintf(err, (size_t)errlen, "an object named \"%s\" already exists", name);
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
    if (place_object(o, sp, place, err, errlen) != 0) {
        free(o);
        free(pt);
        return NULL;
    }
    for (int64_t i = 0; i < pages + 2; i++) {
        int guard = i == 0 || i == pages + 1;
        pt[i].prot = guard ? P_RW : (uint8_t)prot; /* guard pages: plain read-write memory */
        pt[i].state = S_RESIDENT;
        pt[i].mapped = 1;
        pt[i].frame = 1;
    }
    if (place.kind == PLACE_BELOW_UBLOCK) {
        /* The guard page after is the user block's first page: it starts out as the region's Fill pattern, so
         * that the kit, observing the guard page, sees any write into the user block. */
        o->below_ublock = 1;
        for (int i = 0; i < PAGE_SIZE; i++) sp->ublock[i] = xp_fill_byte(seed, pages * PAGE_SIZE + i);
        pt[pages + 1].data = sp->ublock;
    }
    for (unsigned s = 0; s < o->nsegs; s++) sp->seg[o->segno + s] = o;
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
    return seg_base(o->space, o->segno) + o->seg_off + PAGE_SIZE + (uint64_t)offset;
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
    uint64_t in = rel - ((uint64_t)o->segno << SEG_SHIFT);
    if (in < o->seg_off) return T_UNMAPPED; /* the unused head of its first segment */
    int64_t o_off = (int64_t)(in - o->seg_off) - PAGE_SIZE;
    if (o_off >= (o->pages + 1) * PAGE_SIZE) return T_UNMAPPED; /* the unused tail of its last segment */
    *obj = o;
    *off = o_off;
    return T_OK;
}

int lines_damage(object_t *o, int64_t first, int64_t n, int bad) {
    if (!o->damaged) {
        if (!bad) return 0; /* nothing to repair */
        o->damaged = calloc((size_t)(o->pages * LINES_PER_PAGE), 1);
        if (!o->damaged) return -1;
    }
    memset(o->damaged + first, bad, (size_t)n);
    return 0;
}

int64_t first_damaged(const object_t *o, int64_t off, int64_t n) {
    int64_t end = off + n;
    if (!o->damaged) return end;
    int64_t from = off > 0 ? off : 0, to = end < o->pages * PAGE_SIZE ? end : o->pages * PAGE_SIZE;
    for (int64_t line = from / LINE_SIZE; line * LINE_SIZE < to; line++)
        if (o->damaged[line]) return line * LINE_SIZE > off ? line * LINE_SIZE : off;
    return end;
}

/*
 * Pattern pages, kept once computed: a page nobody wrote is read again and again (every observation of an object
 * reads all of it), each of its bytes a splitmix64 of its own, while fuzzing builds the same objects with the same
 * seeds case after case. Direct-mapped by (seed, page); a hit is a copy, a miss computes the page as before.
 */
#define FILL_CACHE_PAGES 256
static struct {
    uint64_t seed;
    int64_t page;
    int valid;
    uint8_t data[PAGE_SIZE];
} FILL_CACHE[FILL_CACHE_PAGES];

static const uint8_t *pattern_page(uint64_t seed, int64_t p) {
    unsigned slot = (unsigned)((seed * 0x9E3779B97F4A7C15ull ^ (uint64_t)p * 0xC2B2AE3D27D4EB4Full) >> 56) % FILL_CACHE_PAGES;
    if (!FILL_CACHE[slot].valid || FILL_CACHE[slot].seed != seed || FILL_CACHE[slot].page != p) {
        int64_t base = p * PAGE_SIZE;
        for (int i = 0; i < PAGE_SIZE; i++) FILL_CACHE[slot].data[i] = xp_fill_byte(seed, base + i);
        FILL_CACHE[slot].seed = seed;
        FILL_CACHE[slot].page = p;
        FILL_CACHE[slot].valid = 1;
    }
    return FILL_CACHE[slot].data;
}

static uint8_t *materialise(object_t *o, int64_t p) {
    page_t *pg = page_of(o, p);
    if (!pg->data) {
        pg->data = malloc(PAGE_SIZE);
        if (!pg->data) {
            fputs("xmemck-c-example: out of memory\n", stderr);
            exit(3);
        }
        memcpy(pg->data, pattern_page(o->seed, p), PAGE_SIZE);
    }
    return pg->data;
}

void obj_read(object_t *o, int64_t off, uint8_t *dst, int64_t n) {
    while (n > 0) {
        int64_t p = page_index(off);
        int64_t in = off - p * PAGE_SIZE;
        int64_t k = PAGE_SIZE - in < n ? PAGE_SIZE - in : n;
        page_t *pg = page_of(o, p);
        memcpy(dst, (pg && pg->data ? pg->data : pattern_page(o->seed, p)) + in, (size_t)k);
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
