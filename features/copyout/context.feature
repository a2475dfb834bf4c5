Feature: copyout may be called from user context only, with a driver buffer that holds the count

  copyout(9F), CONTEXT: user context only. copyout copies into the address space of the process the call runs
  under, so a kernel process or an interrupt handler (which run under no user process) must not call it; they use
  xmemout. copyout(9F), PARAMETERS: driverbuf is the source address in the driver, and cn (a size_t, SYNOPSIS)
  the number of bytes to copy, so the driver buffer is kernel memory that holds cn bytes. There is no negative
  count: -1 passed as cn is the largest size_t, 18446744073709551615, far more than any driver buffer holds. The
  kit also asks that the destination belongs to the process the call runs under. The page promises nothing to a
  caller that breaks these rules: such a call is outside the contract and nothing is judged. A driver buffer page
  that the copy cannot read is not such a breach but a paging fault, which the page documents (see the failures
  feature).

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
  Scenario: a count larger than the driver buffer is outside the contract
    When process p1 calls copyout(kbuf+0, ubuf+0, 8192)
    Then the call breaks the caller obligation copyout.caller.driverbuf

  @clause:copyout.caller.driverbuf
  Scenario Outline: a count of <count> is, as a size_t, larger than any driver buffer, so the call is outside the contract
    When process p1 calls copyout(kbuf+0, ubuf+0, <count>)
    Then the call breaks the caller obligation copyout.caller.driverbuf

    Examples:
      | count                |
      | 9223372036854775807  |
      | 18446744073709551615 |

  @clause:copyout.caller.driverbuf
  Scenario: a driver buffer in memory damaged by an uncorrectable hardware error is a broken source
    Given page 0 of kbuf is damaged by an uncorrectable hardware error
    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
    Then the call breaks the caller obligation copyout.caller.driverbuf
