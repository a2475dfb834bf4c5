Feature: copyout's count is a size_t: a count of 0 accesses nothing, and no count is negative

  copyout(9F), SYNOPSIS: cn is a size_t. No page says what a count of 0 does. A copy of 0 bytes accesses no byte,
  so none of the causes copyout(9F), RETURN VALUES lists (a paging fault, an invalid user address, the user block,
  a hardware fault, an ADI mismatch) can arise: copyout may return 0 or -1, and it copies nothing, wherever the
  destination points. The kit records which answer an implementation gives. ddi_copyout(9F) behaves the same,
  with FKIOCTL or without. A size_t cannot be negative: -1 passed as cn is the largest size_t, larger than any
  driver buffer, which breaks the caller's obligation that the driver buffer holds cn bytes (copyout(9F),
  PARAMETERS).

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 1 page
    And a kernel buffer kb2 of 1 page
    And a user buffer ubuf of 1 page in process p1

  @clause:copyout.count.zero
  Scenario: a count of 0 copies nothing, and copyout may return 0 or -1
    When process p1 calls copyout(kbuf+0, ubuf+0, 0)
    Then copyout returns 0 or -1
    And ubuf is unchanged

  @clause:copyout.count.zero
  Scenario Outline: a count of 0 into a page that is <condition> accesses nothing, so copyout may return 0 or -1
    Given page 0 of ubuf is <condition>
    When process p1 calls copyout(kbuf+0, ubuf+100, 0)
    Then copyout returns 0 or -1
    And ubuf is unchanged

    Examples:
      | condition                                  |
      | read-only                                  |
      | inaccessible                               |
      | unmapped                                   |
      | failing with a paging I/O error            |
      | damaged by an uncorrectable hardware error |

  @clause:copyout.count.zero
  Scenario Outline: a count of 0 to the <place> accesses nothing, so copyout may return 0 or -1
    When process p1 calls copyout(kbuf+0, <place>, 0)
    Then copyout returns 0 or -1
    And ubuf is unchanged

    Examples:
      | place            |
      | null address     |
      | unmapped address |
      | kernel address   |
      | user block       |
      | kb2+0            |

  @clause:copyout.count.zero
  Scenario: a count of 0 into a buffer whose segment was deleted accesses nothing, so copyout may return 0 or -1
    Given the segment of ubuf is deleted
    When process p1 calls copyout(kbuf+0, ubuf+0, 0)
    Then copyout returns 0 or -1
    And ubuf is unchanged

  @clause:copyout.count.zero
  Scenario: a count of 0 through a pointer whose ADI version mismatches the line accesses nothing
    Given lines 0 to 63 of ubuf have ADI version 3
    When process p1 calls copyout(kbuf+0, ubuf+0 (ADI version 5), 0)
    Then copyout returns 0 or -1
    And ubuf is unchanged

  @clause:copyout.count.zero
  Scenario: a count of 0 from a driver buffer that cannot be read accesses nothing
    Given page 0 of kbuf is inaccessible
    When process p1 calls copyout(kbuf+0, ubuf+0, 0)
    Then copyout returns 0 or -1
    And ubuf is unchanged

  @clause:copyout.count.zero @clause:ddi_copyout.like-copyout
  Scenario: without FKIOCTL a count of 0 into a read-only page copies nothing, and ddi_copyout may return 0 or -1
    Given page 0 of ubuf is read-only
    When process p1 calls ddi_copyout(kbuf+0, ubuf+0, 0, 0)
    Then ddi_copyout returns 0 or -1
    And ubuf is unchanged

  @clause:ddi_copyout.fkioctl @clause:copyout.count.zero
  Scenario: with FKIOCTL a count of 0 copies nothing, and ddi_copyout may return 0 or -1
    When a kernel process calls ddi_copyout(kbuf+0, kb2+0, 0, FKIOCTL)
    Then ddi_copyout returns 0 or -1
    And kb2 is unchanged

  @clause:copyout.caller.driverbuf
  Scenario Outline: ddi_copyout with flags <flags> and a count of 18446744073709551615, the largest size_t, is outside the contract
    When <caller> calls ddi_copyout(kbuf+0, <destination>, 18446744073709551615, <flags>)
    Then the call breaks the caller obligation copyout.caller.driverbuf

    Examples:
      | flags   | caller           | destination |
      | 0       | process p1       | ubuf+0      |
      | FKIOCTL | a kernel process | kb2+0       |
