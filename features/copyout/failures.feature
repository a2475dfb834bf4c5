Feature: copyout returns -1, having copied at most what comes before the fault, when it cannot write the user buffer

  copyout returns -1 on a paging fault (the driver tried to access a page for which it had no write access),
  an invalid user address (such as a user area or stack area), an address that would have copied data into
  the user block, or a hardware fault (an uncorrectable parity or ECC error) in the user memory; an ADI version
  mismatch is covered in its own feature. A driver entry point that gets -1 should return EFAULT.
  The page does not say what the user buffer holds after a failure. The kit allows it to be unchanged, or to
  hold a prefix of the data that ends before the first byte that could not be written; nothing else.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 4 pages
    And a user buffer ubuf of 4 pages in process p1

  @clause:copyout.fail.no-write-access
  Scenario Outline: a <protection> page of the user buffer makes copyout return -1
    Given page 1 of ubuf is <protection>
    When process p1 calls copyout(kbuf+0, ubuf+0, 12288)
    Then copyout returns -1
    And the 12288 bytes at ubuf+0 are unchanged or hold at most the first 4096 bytes of kbuf+0
    And nothing outside the destination changes

    Examples:
      | protection   |
      | read-only    |
      | inaccessible |

  @clause:copyout.fail.no-write-access
  Scenario: a copy that starts in a read-only page fails before it writes anything
    Given page 0 of ubuf is read-only
    When process p1 calls copyout(kbuf+0, ubuf+4000, 200)
    Then copyout returns -1
    And the 200 bytes at ubuf+4000 are unchanged

  @clause:copyout.fail.invalid-address
  Scenario Outline: copyout to the <place> returns -1
    When process p1 calls copyout(kbuf+0, <place>, 64)
    Then copyout returns -1
    And ubuf is unchanged

    Examples:
      | place            |
      | null address     |
      | unmapped address |
      | kernel address   |

  @clause:copyout.fail.invalid-address
  Scenario: a hole (an unmapped page) in the user buffer makes copyout return -1
    Given page 2 of ubuf is unmapped
    When process p1 calls copyout(kbuf+0, ubuf+4096, 8192)
    Then copyout returns -1
    And the 8192 bytes at ubuf+4096 are unchanged or hold at most the first 4096 bytes of kbuf+0
    And nothing outside the destination changes

  @clause:copyout.fail.invalid-address
  Scenario: a kernel buffer is not a user address
    Given a kernel buffer kb2 of 1 page
    When process p1 calls copyout(kbuf+0, kb2+0, 64)
    Then copyout returns -1
    And kb2 is unchanged

  @clause:copyout.fail.invalid-address
  Scenario: a user buffer whose segment was deleted is no longer a valid address
    Given the segment of ubuf is deleted
    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
    Then copyout returns -1
    And the 64 bytes at ubuf+0 are unchanged

  @clause:copyout.fail.user-block
  Scenario Outline: copyout into the user block returns -1 (<count> bytes at offset <offset>)
    When process p1 calls copyout(kbuf+0, user block+<offset>, <count>)
    Then copyout returns -1
    And ubuf is unchanged

    Examples:
      | offset | count |
      | 0      | 64    |
      | 128    | 8     |

  @clause:copyout.fail.hardware
  Scenario Outline: a page <damage> makes copyout return -1
    Given page 1 of ubuf is <damage>
    When process p1 calls copyout(kbuf+0, ubuf+0, 12288)
    Then copyout returns -1
    And the 12288 bytes at ubuf+0 are unchanged or hold at most the first 4096 bytes of kbuf+0
    And nothing outside the destination changes

    Examples:
      | damage                                     |
      | damaged by an uncorrectable hardware error |
      | failing with a paging I/O error            |
