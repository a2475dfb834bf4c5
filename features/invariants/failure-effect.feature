@clause:inv.failure-effect
Feature: after a failure the destination is unchanged or holds a prefix of the new data

  No manual page says what the destination holds when a copy fails. Real implementations copy in pieces and
  stop at the first fault, leaving what they copied before it. The kit allows exactly that and no more: the
  destination is either unchanged or holds the first k bytes of the new data, for some k that does not reach
  past the first byte that could not be written; the rest of it keeps its old bytes. How many bytes an
  implementation leaves is recorded as an implementation-defined answer.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 4 pages
    And a user buffer ubuf of 4 pages in process p1

  @clause:copyout.fail.no-write-access
  Scenario Outline: a failing copyout of <count> bytes at ubuf+<to> with page <page> read-only
    Given page <page> of ubuf is read-only
    When process p1 calls copyout(kbuf+0, ubuf+<to>, <count>)
    Then copyout returns -1
    And the <count> bytes at ubuf+<to> are unchanged or hold a prefix of kbuf+0

    Examples:
      | page | to   | count |
      | 1    | 0    | 8192  |
      | 3    | 5    | 16379 |
      | 2    | 4097 | 5000  |

  @clause:xmemout.fail.range
  Scenario: a failing xmemout
    Given process p1 has attached descriptor d to 16384 bytes at ubuf+0
    And page 3 of ubuf is unmapped
    When a kernel process calls xmemout(kbuf+0, ubuf+10, 16000, d)
    Then xmemout returns XMEM_FAIL
    And the 16000 bytes at ubuf+10 are unchanged or hold a prefix of kbuf+0

  @clause:copyout.ioctl-efault @clause:copyout.fail.invalid-address
  Scenario: a failing ioctl
    Given page 1 of ubuf is unmapped
    When process p1 calls xx_ioctl(XX_GETREGS, ubuf+4088) on the device registers at kbuf+0
    Then the ioctl returns EFAULT
    And the 12 bytes at ubuf+4088 are unchanged or hold a prefix of kbuf+0
