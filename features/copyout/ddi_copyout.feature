Feature: ddi_copyout copies like copyout, or like bcopy into kernel memory when FKIOCTL is set

  ddi_copyout(driverbuf, buf, cn, flags) is the interface the copyout page recommends instead of copyout. Without
  FKIOCTL in flags it behaves like copyout: 0 on success, -1 on the same faults. With FKIOCTL (set when an ioctl
  comes from inside the kernel) the destination is a kernel address and it behaves like bcopy: it copies and
  returns 0. It may be called from user or kernel context.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 2 pages
    And a kernel buffer kb2 of 2 pages
    And a user buffer ubuf of 2 pages in process p1

  @clause:ddi_copyout.fkioctl
  Scenario Outline: with FKIOCTL, <caller> copies <count> bytes into kernel memory like bcopy
    When <caller> calls ddi_copyout(kbuf+0, kb2+<to>, <count>, FKIOCTL)
    Then ddi_copyout returns 0
    And the <count> bytes at kb2+<to> are a copy of kbuf+0
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | caller           | to | count |
      | process p1       | 0  | 12    |
      | a kernel process | 3  | 5000  |

  @clause:ddi_copyout.fkioctl @clause:copyout.count.nonpositive
  Scenario: with FKIOCTL a count of 0 copies nothing, and ddi_copyout may return 0 or -1
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 0, FKIOCTL)
    Then ddi_copyout returns 0 or -1
    And kb2 is unchanged

  @clause:ddi_copyout.like-copyout @clause:copyout.succ
  Scenario: without FKIOCTL it copies to the user like copyout
    When process p1 calls ddi_copyout(kbuf+0, ubuf+0, 5000, 0)
    Then ddi_copyout returns 0
    And the 5000 bytes at ubuf+0 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:ddi_copyout.like-copyout @clause:copyout.fail.no-write-access
  Scenario: without FKIOCTL a read-only user page makes it return -1 like copyout
    Given page 1 of ubuf is read-only
    When process p1 calls ddi_copyout(kbuf+0, ubuf+0, 8192, 0)
    Then ddi_copyout returns -1
    And the 8192 bytes at ubuf+0 are unchanged or hold at most the first 4096 bytes of kbuf+0

  @clause:ddi_copyout.like-copyout @clause:copyout.fail.invalid-address
  Scenario: without FKIOCTL a kernel destination is not a user address
    When process p1 calls ddi_copyout(kbuf+0, kb2+0, 64, 0)
    Then ddi_copyout returns -1
    And kb2 is unchanged

  @clause:copyout.ctx.user-only
  Scenario: without FKIOCTL it is called from user context only, like copyout
    When a kernel process calls ddi_copyout(kbuf+0, ubuf+0, 64, 0)
    Then the call breaks the caller obligation copyout.ctx.user-only

  @clause:ddi_copyout.ctx.user-or-kernel
  Scenario: with FKIOCTL at interrupt level it is outside the contract
    When an interrupt handler calls ddi_copyout(kbuf+0, kb2+0, 64, FKIOCTL)
    Then the call breaks the caller obligation ddi_copyout.ctx.user-or-kernel

  @clause:ddi_copyout.caller.kernel-buffer
  Scenario: with FKIOCTL a user buffer is not the kernel destination it must be
    When a kernel process calls ddi_copyout(kbuf+0, ubuf+0, 64, FKIOCTL)
    Then the call breaks the caller obligation ddi_copyout.caller.kernel-buffer

  @clause:ddi_copyout.caller.kernel-buffer
  Scenario: with FKIOCTL a read-only kernel destination is outside the contract
    Given page 0 of kb2 is read-only
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 64, FKIOCTL)
    Then the call breaks the caller obligation ddi_copyout.caller.kernel-buffer
