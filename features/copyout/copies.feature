Feature: copyout copies data from a driver buffer to the user program it runs for

  copyout(9F), DESCRIPTION: copyout(driverbuf, userbuf, cn) copies cn bytes from the driver buffer (kernel
  memory) to the user program's data space; RETURN VALUES: 0 when the copy succeeded; CONTEXT: user context only,
  so it writes into the address space of the process the call runs under. Any alignment works (word-aligned
  addresses are merely faster): see the alignment sweep. A page of the user buffer that is paged out is brought
  in. A count of 0 is in the counts feature.

  Background:
    Given a user process p1
    And a kernel buffer kbuf of 4 pages
    And a user buffer ubuf of 4 pages in process p1

  @clause:copyout.succ
  Scenario Outline: copyout copies <count> bytes from kbuf+<from> to ubuf+<to>
    When process p1 calls copyout(kbuf+<from>, ubuf+<to>, <count>)
    Then copyout returns 0
    And the <count> bytes at ubuf+<to> are a copy of kbuf+<from>
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | from | to    | count |
      | 0    | 0     | 1     |
      | 0    | 0     | 12    |
      | 64   | 128   | 4096  |
      | 0    | 8     | 12288 |
      | 0    | 0     | 16384 |
      | 4096 | 12280 | 8     |

  @clause:copyout.paged-out @clause:copyout.succ
  Scenario: paged-out pages of the user buffer are brought in, since copyout runs in user context
    Given pages 1 to 2 of ubuf are paged out
    When process p1 calls copyout(kbuf+0, ubuf+0, 16384)
    Then copyout returns 0
    And the 16384 bytes at ubuf+0 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:copyout.succ
  Scenario: a paged-out driver buffer is brought in too
    Given page 0 of kbuf is paged out
    When process p1 calls copyout(kbuf+0, ubuf+0, 4096)
    Then copyout returns 0
    And the 4096 bytes at ubuf+0 are a copy of kbuf+0

  @clause:copyout.succ
  Scenario: two copies in a row: the second overwrites part of the first
    Given a kernel buffer kb2 of 1 page
    And process p1 calls copyout(kbuf+0, ubuf+0, 4096)
    When process p1 calls copyout(kb2+0, ubuf+1000, 24)
    Then copyout returns 0
    And the 24 bytes at ubuf+1000 are a copy of kb2+0
    And nothing outside the destination changes
