Feature: copyout returns -1 when it cannot store into the user buffer or read the driver buffer

  copyout(9F), RETURN VALUES: -1 on a paging fault (a page the driver had no write access to, or, for the
  driver's own buffer, no read access), an invalid user address (such as a user area or stack area), an address
  that would have copied data into the user block, or a hardware fault (an uncorrectable parity or ECC error) in
  the user memory; an ADI version mismatch is covered in its own feature. A driver entry point that gets -1
  should return EFAULT. The page does not say what the user buffer holds after a failure. A copy may run in any
  order and stop anywhere, so every byte it could store holds its old value or its new one, in any mix (a prefix,
  a suffix or another mix); every byte it could not store (a read-only, inaccessible or unmapped page, a damaged
  line, the user block, a byte whose driver-buffer source cannot be read) keeps its old value.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 4 pages
    And a user buffer ubuf of 4 pages in process p1

  @clause:copyout.fail.paging-fault
  Scenario Outline: a <protection> page of the user buffer makes copyout return -1
    Given page 1 of ubuf is <protection>
    When process p1 calls copyout(kbuf+0, ubuf+0, 12288)
    Then copyout returns -1
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4095 and 8192 to 12287
    And the 4096 bytes at ubuf+4096 are unchanged
    And nothing outside the destination changes

    Examples:
      | protection   |
      | read-only    |
      | inaccessible |

  @clause:copyout.fail.paging-fault
  Scenario: a copy that starts in a read-only page fails, and may still store the bytes after that page
    Given page 0 of ubuf is read-only
    When process p1 calls copyout(kbuf+0, ubuf+4000, 200)
    Then copyout returns -1
    And the 200 bytes at ubuf+4000 are unchanged or partly a copy of kbuf+0 within bytes 96 to 199
    And the 96 bytes at ubuf+4000 are unchanged
    And nothing outside the destination changes

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
    And the 8192 bytes at ubuf+4096 are unchanged or partly a copy of kbuf+0 within its first 4096 bytes
    And nothing outside the destination changes

  @clause:copyout.fail.invalid-address
  Scenario: a kernel buffer is not a user address
    Given a kernel buffer kb2 of 1 page
    When process p1 calls copyout(kbuf+0, kb2+0, 64)
    Then copyout returns -1
    And kb2 is unchanged

  @clause:copyout.fail.invalid-address
  Scenario Outline: a kernel stack, the page's "stack area", is kernel memory and not a user address: copyout to <destination> returns -1
    Given a kernel buffer kstack of 2 pages
    When process p1 calls copyout(kbuf+0, <destination>, 128)
    Then copyout returns -1
    And kstack is unchanged
    And ubuf is unchanged

    Examples:
      | destination    |
      | kstack+4032    |
      | kstack+8064    |
      | kernel address |

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
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4095 and 8192 to 12287
    And nothing outside the destination changes

    Examples:
      | damage                                     |
      | damaged by an uncorrectable hardware error |
      | failing with a paging I/O error            |

  @clause:copyout.fail.hardware @clause:inv.failure-effect
  Scenario: one damaged line in the middle of the destination fails the copy; the lines around it may hold the new data
    Given line 10 of ubuf has an uncorrectable hardware error
    When process p1 calls copyout(kbuf+0, ubuf+0, 4096)
    Then copyout returns -1
    And the 4096 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 639 and 704 to 4095
    And nothing outside the destination changes

  @clause:copyout.succ
  Scenario: a copy that never touches the damaged lines of a page succeeds
    Given lines 10 to 11 of ubuf have an uncorrectable hardware error
    When process p1 calls copyout(kbuf+0, ubuf+768, 3000)
    Then copyout returns 0
    And the 3000 bytes at ubuf+768 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:copyout.fail.hardware @clause:inv.failure-effect
  Scenario: damaged lines at both ends of the destination leave only the lines between them storable
    Given lines 0 to 1 of ubuf have an uncorrectable hardware error
    And line 63 of ubuf has an uncorrectable hardware error
    When process p1 calls copyout(kbuf+0, ubuf+100, 3996)
    Then copyout returns -1
    And the 3996 bytes at ubuf+100 are unchanged or partly a copy of kbuf+0 within bytes 28 to 3931
    And nothing outside the destination changes

  @clause:copyout.fail.paging-fault
  Scenario Outline: driver buffer page <page> is <condition>, a paging fault: copyout returns -1 and stores nothing it would read there
    Given page <page> of kbuf is <condition>
    When process p1 calls copyout(kbuf+0, ubuf+0, 12288)
    Then copyout returns -1
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes <storable>
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | condition    | page | storable                    |
      | inaccessible | 0    | 4096 to 12287               |
      | inaccessible | 1    | 0 to 4095 and 8192 to 12287 |
      | unmapped     | 2    | 0 to 8191                   |

  @clause:copyout.fail.paging-fault
  Scenario: a driver buffer that cannot be read at all leaves the user buffer unchanged
    Given pages 0 to 3 of kbuf are inaccessible
    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
    Then copyout returns -1
    And the 64 bytes at ubuf+0 are unchanged
    And nothing outside the destination changes

  @clause:copyout.fail.user-block @clause:inv.failure-effect
  Scenario Outline: a user buffer just below the user block: a copy of <count> bytes from top+<offset> runs into the user block and returns -1
    Given a user buffer top of 2 pages in process p1 just below its user block
    When process p1 calls copyout(kbuf+0, top+<offset>, <count>)
    Then copyout returns -1
    And the <count> bytes at top+<offset> are unchanged or partly a copy of kbuf+0 within its first <below> bytes
    And nothing outside the destination changes

    Examples:
      | offset | count | below |
      | 8000   | 200   | 192   |
      | 4096   | 8192  | 4096  |
      | 8191   | 2     | 1     |

  @clause:copyout.fail.user-block @clause:copyout.fail.paging-fault
  Scenario: a copy that meets a read-only page and then the user block returns -1; only the bytes before both may be stored
    Given a user buffer top of 2 pages in process p1 just below its user block
    And page 1 of top is read-only
    When process p1 calls copyout(kbuf+0, top+4000, 8192)
    Then copyout returns -1
    And the 8192 bytes at top+4000 are unchanged or partly a copy of kbuf+0 within its first 96 bytes
    And nothing outside the destination changes

  @clause:copyout.succ
  Scenario: a copy that ends exactly where the user block begins succeeds
    Given a user buffer top of 1 page in process p1 just below its user block
    When process p1 calls copyout(kbuf+0, top+96, 4000)
    Then copyout returns 0
    And the 4000 bytes at top+96 are a copy of kbuf+0
    And nothing outside the destination changes
