Feature: copyout returns -1 on an ADI version mismatch, and versions 0 and 15 match every pointer

  copyout(9F), RETURN VALUES: -1 when the hardware finds an Application Data Integrity (ADI) version mismatch.
  On SPARC M7 and later, ADI keeps a version tag for every 64-byte line of memory and carries a version in the high
  bits of each pointer; a store through a pointer whose version differs from the line's faults. adi(7) adds that
  memory versions 0 and 15 are universal: they match every pointer version and never fault, and lines never given
  a version have version 0. Here "ubuf+0 (ADI version 3)" is a pointer with version 3. A failed copy leaves the
  mismatched lines as they were; the lines it could store may hold their old bytes or the new ones.

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

  @clause:copyout.fail.adi @clause:inv.failure-effect
  Scenario: a copy that runs into lines of another version fails, and may store only the lines before them
    Given lines 4 to 63 of ubuf have ADI version 4
    When process p1 calls copyout(kbuf+0, ubuf+0 (ADI version 3), 512)
    Then copyout returns -1
    And the 512 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within its first 256 bytes
    And nothing outside the destination changes

  @clause:copyout.succ
  Scenario Outline: lines never given a version have version 0, which a pointer with <pointer> may store into
    Given a user buffer vbuf of 1 page in process p1
    And line 0 of vbuf has ADI version 3
    When process p1 calls copyout(kbuf+0, <pointer>, 4032)
    Then copyout returns 0
    And the 4032 bytes at vbuf+64 are a copy of kbuf+0
    And nothing outside the destination changes

    Examples:
      | pointer                   |
      | vbuf+64 (ADI version 0)   |
      | vbuf+64 (ADI version 5)   |
      | vbuf+64 (ADI version 15)  |
      | vbuf+64                   |

  @clause:copyout.succ
  Scenario Outline: lines tagged with version <memory> match a pointer with version <version>
    Given a user buffer vbuf of 1 page in process p1
    And lines 0 to 63 of vbuf have ADI version <memory>
    When process p1 calls copyout(kbuf+0, vbuf+0 (ADI version <version>), 4096)
    Then copyout returns 0
    And the 4096 bytes at vbuf+0 are a copy of kbuf+0
    And nothing outside the destination changes

    Examples:
      | memory | version |
      | 15     | 0       |
      | 15     | 3       |
      | 15     | 5       |
      | 15     | 15      |
      | 0      | 3       |
      | 0      | 15      |

  @clause:copyout.fail.adi @clause:inv.failure-effect
  Scenario: one line of version 3 in a page of version 0 fails a pointer with version 5, and only that line is certain to be kept
    Given a user buffer vbuf of 1 page in process p1
    And lines 0 to 63 of vbuf have ADI version 0
    And line 10 of vbuf has ADI version 3
    When process p1 calls copyout(kbuf+0, vbuf+0 (ADI version 5), 4096)
    Then copyout returns -1
    And the 4096 bytes at vbuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 639 and 704 to 4095
    And the 64 bytes at vbuf+640 are unchanged
    And nothing outside the destination changes

  @clause:copyout.succ @clause:copyout.alignment
  Scenario: a copy through lines of versions 3, 0 and 15 with a pointer of version 3 succeeds
    Given a user buffer vbuf of 1 page in process p1
    And lines 0 to 9 of vbuf have ADI version 3
    And lines 20 to 29 of vbuf have ADI version 15
    When process p1 calls copyout(kbuf+0, vbuf+1 (ADI version 3), 2000)
    Then copyout returns 0
    And the 2000 bytes at vbuf+1 are a copy of kbuf+0
    And nothing outside the destination changes
