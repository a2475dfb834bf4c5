Feature: ddi_copyout copies like copyout, or like bcopy into kernel memory when FKIOCTL is set

  ddi_copyout(9F), DESCRIPTION: ddi_copyout(driverbuf, buf, cn, flags) is the interface copyout(9F) recommends
  instead of copyout. Without FKIOCTL in flags it behaves like copyout: 0 on success, -1 on the same faults, a
  driver buffer page it cannot read included. With FKIOCTL (set when an ioctl comes from inside the kernel) the
  destination is a kernel address and it behaves like bcopy(9F): it copies and returns 0; bcopy has no error
  return, so every way that copy could fault is the caller's to prevent. CONTEXT: user or kernel context, not
  interrupt level. Counts of 0 and the size_t count are in the counts feature.

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

  @clause:ddi_copyout.like-copyout @clause:copyout.succ
  Scenario: without FKIOCTL it copies to the user like copyout
    When process p1 calls ddi_copyout(kbuf+0, ubuf+0, 5000, 0)
    Then ddi_copyout returns 0
    And the 5000 bytes at ubuf+0 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:ddi_copyout.like-copyout @clause:copyout.fail.paging-fault
  Scenario: without FKIOCTL a read-only user page makes it return -1 like copyout
    Given page 1 of ubuf is read-only
    When process p1 calls ddi_copyout(kbuf+0, ubuf+0, 8192, 0)
    Then ddi_copyout returns -1
    And the 8192 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within its first 4096 bytes

  @clause:ddi_copyout.like-copyout @clause:copyout.fail.paging-fault
  Scenario Outline: without FKIOCTL a driver buffer page that is <condition> makes it return -1 like copyout
    Given page 1 of kbuf is <condition>
    When process p1 calls ddi_copyout(kbuf+0, ubuf+0, 8192, 0)
    Then ddi_copyout returns -1
    And the 8192 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within its first 4096 bytes
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | condition    |
      | inaccessible |
      | unmapped     |

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

  @clause:copyout.caller.driverbuf
  Scenario: with FKIOCTL a driver buffer it cannot read is outside the contract, since bcopy has no error return
    Given page 0 of kbuf is inaccessible
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 64, FKIOCTL)
    Then the call breaks the caller obligation copyout.caller.driverbuf

  @clause:ddi_copyout.caller.kernel-buffer
  Scenario: with FKIOCTL a read-only kernel destination is outside the contract
    Given page 0 of kb2 is read-only
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 64, FKIOCTL)
    Then the call breaks the caller obligation ddi_copyout.caller.kernel-buffer

  @clause:ddi_copyout.fkioctl
  Scenario Outline: with FKIOCTL a kernel destination whose lines have ADI version <memory> takes a pointer with version 5
    Given lines 0 to 63 of kb2 have ADI version <memory>
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0 (ADI version 5), 4096, FKIOCTL)
    Then ddi_copyout returns 0
    And the 4096 bytes at kb2+0 are a copy of kbuf+0
    And nothing outside the destination changes

    Examples:
      | memory |
      | 0      |
      | 15     |
      | 5      |

  @clause:ddi_copyout.caller.kernel-buffer
  Scenario: with FKIOCTL a pointer whose ADI version mismatches a line of the destination is outside the contract
    Given line 1 of kb2 has ADI version 3
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0 (ADI version 5), 4096, FKIOCTL)
    Then the call breaks the caller obligation ddi_copyout.caller.kernel-buffer
