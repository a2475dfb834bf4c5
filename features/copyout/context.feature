Feature: copyout may be called from user context only, with a driver buffer it can read

  copyout can be called from user context only: it copies into the address space of the process the call runs
  under, so a kernel process or an interrupt handler (which run under no user process) must not call it; they
  use xmemout. The kit also asks the obvious of the caller: the driver buffer is readable kernel memory, and the
  destination belongs to the process the call runs under. The page promises nothing to a caller that breaks
  these rules: such a call is outside the contract and nothing is judged.

  Background:
    Given user processes p1 and p2
    And a kernel buffer kbuf of 1 page
    And a user buffer ubuf of 1 page in process p1

  @clause:copyout.ctx.user-only
  Scenario Outline: copyout called by <caller> is outside the contract
    When <caller> calls copyout(kbuf+0, ubuf+0, 64)
    Then the call breaks the caller obligation copyout.ctx.user-only

    Examples:
      | caller               |
      | a kernel process     |
      | an interrupt handler |

  @clause:copyout.ctx.user-only
  Scenario: the model driver's ioctl at interrupt level is outside the contract too
    When an interrupt handler calls xx_ioctl(XX_GETREGS, ubuf+0) on the device registers at kbuf+0
    Then the call breaks the caller obligation copyout.ctx.user-only

  @clause:copyout.caller.own-process
  Scenario: copyout into a buffer of another process is outside the contract
    When process p2 calls copyout(kbuf+0, ubuf+0, 64)
    Then the call breaks the caller obligation copyout.caller.own-process

  @clause:copyout.caller.driverbuf
  Scenario: a driver buffer in user memory is not kernel memory
    Given a user buffer other of 1 page in process p1
    When process p1 calls copyout(other+0, ubuf+0, 64)
    Then the call breaks the caller obligation copyout.caller.driverbuf

  @clause:copyout.caller.driverbuf
  Scenario: a driver buffer that cannot be read
    Given page 0 of kbuf is inaccessible
    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
    Then the call breaks the caller obligation copyout.caller.driverbuf
