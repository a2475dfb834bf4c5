Feature: copyout returns -1 on an ADI version mismatch

  On SPARC M7 and later, Application Data Integrity (ADI) keeps a version tag for every 64-byte line of memory
  and carries a version in the high bits of each pointer; a store through a pointer whose version differs from
  the line's is a fault. copyout returns -1 when the hardware detects such a mismatch for the destination.
  Here "ubuf+0 (ADI version 3)" is a pointer with version 3, and memory whose lines were never given a version
  has version 0 once ADI is enabled for its buffer.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 1 page
    And a user buffer ubuf of 1 page in process p1
    And lines 0 to 63 of ubuf have ADI version 3

  @clause:copyout.succ
  Scenario: a pointer that carries the buffer's version copies normally
    When process p1 calls copyout(kbuf+0, ubuf+0 (ADI version 3), 4096)
    Then copyout returns 0
    And the 4096 bytes at ubuf+0 are a copy of kbuf+0

  @clause:copyout.fail.adi
  Scenario Outline: a pointer with version <version> to memory of version 3 makes copyout return -1
    When process p1 calls copyout(kbuf+0, ubuf+<offset> (ADI version <version>), 256)
    Then copyout returns -1
    And the 256 bytes at ubuf+<offset> are unchanged
    And nothing outside the destination changes

    Examples:
      | version | offset |
      | 5       | 0      |
      | 0       | 64     |
      | 15      | 100    |

  @clause:copyout.fail.adi
  Scenario: an untagged pointer to memory of version 3 makes copyout return -1
    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
    Then copyout returns -1
    And the 64 bytes at ubuf+0 are unchanged

  @clause:copyout.fail.adi
  Scenario: a copy that runs into lines of another version stops there
    Given lines 4 to 63 of ubuf have ADI version 4
    When process p1 calls copyout(kbuf+0, ubuf+0 (ADI version 3), 512)
    Then copyout returns -1
    And the 512 bytes at ubuf+0 are unchanged or hold at most the first 256 bytes of kbuf+0
    And nothing outside the destination changes
