/*
 * A small simulated kernel: address spaces with AIX-style segment tables, page tables with protection and
 * residency, 64-byte lines with ADI versions and uncorrectable errors, cross-memory descriptors, and file segments
 * with real frames. The services in services.c work on numeric effective addresses through these tables, as a real
 * kernel would; nothing in them knows the kit's symbolic names.
 */
#ifndef XMEMCK_KERNEL_H
#define XMEMCK_KERNEL_H

#include <stdint.h>

#define PAGE_SIZE 4096
#define SEG_SHIFT 28                                  /* AIX segments are 256 MiB */
#define SEG_SIZE ((uint64_t)1 << SEG_SHIFT)
#define NSEGS 4096                                    /* segments per address space */
#define USER_LIMIT ((uint64_t)NSEGS << SEG_SHIFT)    /* user addresses are below 2^40 */
#define KERNELBASE ((uint64_t)1 << 44)               /* kernel addresses start here */
#define ADI_SHIFT 56                                  /* SPARC-style ADI version in pointer bits 56..59 */
#define LINE_SIZE 64                                  /* the unit of ADI versions and of uncorrectable memory errors */
#define LINES_PER_PAGE (PAGE_SIZE / LINE_SIZE)
#define EA_MASK (((uint64_t)1 << ADI_SHIFT) - 1)
#define NULL_SEG 0                                    /* addresses 0 .. 256 MiB: never mapped */
#define BELOW_UBLOCK_SEGS 5                           /* room for a region of up to 1 GiB (and its guard page) ... */
#define UBLOCK_SEG (NULL_SEG + 1 + BELOW_UBLOCK_SEGS) /* ... right below the process's user block (u-area) */
#define UNMAPPED_SEG (NSEGS - 1)                      /* a user segment never handed out */
#define NAME_LEN 64

enum prot { P_NONE, P_READ, P_RW };
enum pstate { S_RESIDENT, S_PAGED_OUT, S_PAGING_IO_ERROR, S_HARDWARE_ERROR };

typedef struct page {
    uint8_t *data;  /* NULL while the page still holds its object's fill pattern */
    uint8_t prot;
    uint8_t state;
    uint8_t mapped; /* 0: a hole */
    uint8_t pinned;
    uint8_t frame;  /* file pages: associated with a real frame */
} page_t;

struct space;

typedef struct object {
    char name[NAME_LEN + 1];
    int is_file;           /* a file segment (vm_mvc's m1) rather than a region */
    struct space *space;
    int64_t pages;
    uint64_t seed;
    page_t *pt;            /* pages + 2 entries: [0] is the guard page before, [pages + 1] the one after */
    uint8_t *adi;          /* one version per 64-byte line of the object; NULL while ADI is off */
    uint8_t *damaged;      /* one flag per 64-byte line of the object: an uncorrectable error; NULL while none */
    int deleted;           /* its segment was deleted */
    int below_ublock;      /* its guard page after is the first page of its process's user block */
    unsigned segno, nsegs; /* the segments it occupies in its space */
    uint64_t seg_off;      /* where its guard page before starts inside its first segment */
    struct object *next;
} object_t;

typedef struct space {
    char name[NAME_LEN + 1];
    int is_kernel;
    object_t *seg[NSEGS];  /* the segment table */
    unsigned next_seg;
    uint8_t ublock[PAGE_SIZE];
    struct space *next;
} space_t;

/* A cross-memory descriptor (struct xmem): which address space and segment it describes. */
typedef struct xmem {
    char name[NAME_LEN + 1];
    int aspace_valid;      /* 0 is XMEM_INVAL */
    space_t *space;
    object_t *obj;
    struct xmem *next;
} xmem_t;

typedef struct {
    space_t *kernel;
    space_t *spaces;
    object_t *objects;
    xmem_t *descs;
} world_t;

/* Where object_create puts an object in its space. */
enum place_kind {
    PLACE_OWN_SEGMENTS,    /* from the start of segments of its own: a region, a file segment */
    PLACE_BELOW_UBLOCK,    /* ending where the process's user block begins */
    PLACE_ACROSS_SEGMENTS, /* so that a segment boundary falls at the start of page boundary_page */
};

typedef struct {
    enum place_kind kind;
    int64_t boundary_page;
} placement_t;

/* Result of translating an effective address. */
enum tr { T_OK, T_NULL, T_UNMAPPED, T_KERNEL_ADDR, T_UBLOCK };

void world_init(world_t *w);
void world_free(world_t *w);

space_t *space_find(world_t *w, const char *name);
space_t *space_create(world_t *w, const char *name, char *err, int errlen);
object_t *object_find(world_t *w, const char *name);
object_t *object_create(world_t *w, const char *name, space_t *sp, int64_t pages, int prot, uint64_t seed, int is_file,
                        placement_t place, char *err, int errlen);
xmem_t *xmem_get(world_t *w, const char *name, int create);

/* The page entry of object page p (-1 and pages are the guard pages), or NULL beyond them. */
page_t *page_of(object_t *o, int64_t p);

/* Effective address of byte `offset` of an object (a guard page for offsets outside it). */
uint64_t ea_of(const object_t *o, int64_t offset);

/*
 * Translates ea in address space sp. On T_OK sets *obj and *off (the byte offset relative to the object; the
 * guard pages are part of the mapping). T_UBLOCK means the process's user block; T_KERNEL_ADDR a kernel
 * address seen from a user space.
 */
enum tr translate(const space_t *sp, uint64_t ea, object_t **obj, int64_t *off);

/*
 * Uncorrectable errors per 64-byte line (line n is bytes 64n .. 64n+63 of the object). lines_damage marks lines
 * [first, first + n) damaged (bad) or repaired; first_damaged returns where the first damaged line touching
 * [off, off + n) begins (never before off), or off + n when none does. Guard pages have no damaged lines.
 */
int lines_damage(object_t *o, int64_t first, int64_t n, int bad);
int64_t first_damaged(const object_t *o, int64_t off, int64_t n);

/* Byte access to object memory, page by page, with no checks: the services check before they touch. A page nobody
 * wrote reads as the kit's Fill pattern of its object (xp_fill_byte). */
void obj_read(object_t *o, int64_t off, uint8_t *dst, int64_t n);
void obj_write(object_t *o, int64_t off, const uint8_t *src, int64_t n);
void obj_zero(object_t *o, int64_t off, int64_t n);

static inline int64_t page_index(int64_t off) { return off >= 0 ? off / PAGE_SIZE : -((-off + PAGE_SIZE - 1) / PAGE_SIZE); }

#endif
