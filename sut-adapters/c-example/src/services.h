/* The kernel services under test, as the manual pages declare them, on the simulated kernel of kernel.h. */
#ifndef XMEMCK_SERVICES_H
#define XMEMCK_SERVICES_H

#include <stdint.h>

#include "kernel.h"

#define XMEM_SUCC 0
#define XMEM_FAIL (-1)
#define USER_ADSPACE 0
#define SYS_ADSPACE 1
#define USERI_ADSPACE 2
#define VM_MVC_ZERO 1
#define VM_MVC_READ 2
#define VM_MVC_WRITE 3
#define VM_MVC_PROTZERO 4
#define K_ENOENT 2
#define K_EFAULT 14
#define K_EINVAL 22
#define FKIOCTL 0x80000000u
#define XX_GETREGS 1
#define DEVICE_REGS_SIZE 12 /* sizeof(struct device) in the copyout(9F) example */

enum ctx_kind { CTX_PROCESS, CTX_KPROC, CTX_INTERRUPT };

/* The execution environment of a call: a user process (whose address space is current), a kernel process, or
 * interrupt level. */
typedef struct {
    enum ctx_kind kind;
    space_t *proc;
} ctx_t;

long xmattach(world_t *w, const ctx_t *ctx, uint64_t addr, int64_t count, const char *dp, int segflag);
long xmdetach(world_t *w, const ctx_t *ctx, const char *dp);
long xmemout(world_t *w, const ctx_t *ctx, uint64_t kaddr, uint64_t uaddr, int64_t count, const char *dp);
/* m1 is the file segment named by sid (NULL when there is none). */
long vm_mvc(world_t *w, const ctx_t *ctx, object_t *m1, int64_t pno, int64_t pgoffs, int64_t count, int cmd,
            const char *dp, uint64_t ptr);
/* cn is a size_t in the manual pages: 64 bits on the kernels they describe. */
long copyout(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t userbuf, uint64_t cn);
long ddi_copyout(world_t *w, const ctx_t *ctx, uint64_t driverbuf, uint64_t buf, uint64_t cn, uint32_t flags);
long xx_ioctl(world_t *w, const ctx_t *ctx, uint64_t regs, int cmd, uint64_t arg);

#endif
