Feature: xmattach prepares a buffer for cross-memory moves

  xmattach(addr, count, dp, segflag) makes the cross-memory descriptor dp describe count bytes at addr, so that
  a kernel process or an interrupt handler can later move data there with xmemout. segflag names the address
  space: USER_ADSPACE or USERI_ADSPACE for the calling process's own memory, SYS_ADSPACE for kernel memory.
  It returns XMEM_SUCC, or XMEM_FAIL when count is not positive or the descriptor is already in use.
  It may be called from the process environment only.

  Background:
    Given user processes p1 and p2
    And a user buffer ubuf of 2 pages in process p1

  @clause:xmattach.succ
  Scenario Outline: process p1 attaches <count> bytes at ubuf+<offset> with <segflag>
    When process p1 calls xmattach(ubuf+<offset>, <count>, d, <segflag>)
    Then xmattach returns XMEM_SUCC
    And descriptor d describes <count> bytes at ubuf+<offset>
    And ubuf is unchanged

    Examples:
      | offset | count | segflag       |
      | 0      | 8192  | USER_ADSPACE  |
      | 0      | 1     | USER_ADSPACE  |
      | 100    | 5000  | USER_ADSPACE  |
      | 0      | 8192  | USERI_ADSPACE |

  @clause:xmattach.succ
  Scenario: a kernel process attaches kernel memory with SYS_ADSPACE
    Given a kernel buffer kbuf of 1 page
    When a kernel process calls xmattach(kbuf+0, 4096, k, SYS_ADSPACE)
    Then xmattach returns XMEM_SUCC
    And descriptor k describes 4096 bytes at kbuf+0

  @clause:xmattach.succ @clause:xmdetach.succ
  Scenario: a detached descriptor can be attached again
    Given process p1 has attached descriptor d to 4096 bytes at ubuf+0
    And process p1 has detached descriptor d
    When process p1 calls xmattach(ubuf+4096, 4096, d, USER_ADSPACE)
    Then xmattach returns XMEM_SUCC
    And descriptor d describes 4096 bytes at ubuf+4096

  @clause:xmattach.fail.count
  Scenario Outline: a count of <count> is not positive, so xmattach fails
    When process p1 calls xmattach(ubuf+0, <count>, d, USER_ADSPACE)
    Then xmattach returns XMEM_FAIL
    And ubuf is unchanged

    Examples:
      | count |
      | 0     |
      | -1    |
      | -4096 |

  @clause:xmattach.fail.count @clause:xmemout.fail.descriptor
  Scenario: after a failed xmattach the descriptor is still not valid
    Given a kernel buffer kbuf of 1 page
    And process p1 calls xmattach(ubuf+0, 0, d, USER_ADSPACE)
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 16, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

  @clause:xmattach.fail.in-use
  Scenario: attaching a descriptor that is already attached fails
    Given process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When process p1 calls xmattach(ubuf+4096, 4096, d, USER_ADSPACE)
    Then xmattach returns XMEM_FAIL
    And ubuf is unchanged

  @clause:xmattach.fail.in-use @clause:xmemout.succ
  Scenario: a failed second xmattach leaves the descriptor describing the first buffer
    Given a kernel buffer kbuf of 1 page
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    And process p1 calls xmattach(ubuf+4096, 4096, d, USER_ADSPACE)
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 4096, d)
    Then xmemout returns XMEM_SUCC
    And the 4096 bytes at ubuf+0 are a copy of kbuf+0

  @clause:xmattach.env.process-only
  Scenario: xmattach at interrupt level is outside the contract
    When an interrupt handler calls xmattach(ubuf+0, 4096, d, USER_ADSPACE)
    Then the call breaks the caller obligation xmattach.env.process-only

  @clause:xmattach.caller.space
  Scenario: USER_ADSPACE names the caller's own process, not another's
    When process p2 calls xmattach(ubuf+0, 4096, d, USER_ADSPACE)
    Then the call breaks the caller obligation xmattach.caller.space

  @clause:xmattach.caller.space
  Scenario: SYS_ADSPACE names kernel memory, not a user buffer
    When process p1 calls xmattach(ubuf+0, 4096, d, SYS_ADSPACE)
    Then the call breaks the caller obligation xmattach.caller.space

  @clause:xmattach.caller.space
  Scenario: a kernel process has no user address space to attach with USER_ADSPACE
    When a kernel process calls xmattach(ubuf+0, 4096, d, USER_ADSPACE)
    Then the call breaks the caller obligation xmattach.caller.space

  @clause:xmattach.caller.space
  Scenario: a segment flag that is none of USER_ADSPACE, SYS_ADSPACE and USERI_ADSPACE
    When process p1 calls xmattach(ubuf+0, 4096, d, 7)
    Then the call breaks the caller obligation xmattach.caller.space

  @clause:xmattach.caller.space
  Scenario: a special address is not a buffer
    When process p1 calls xmattach(null address, 4096, d, USER_ADSPACE)
    Then the call breaks the caller obligation xmattach.caller.space
