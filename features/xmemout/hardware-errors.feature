Feature: with an uncorrectable memory error in the user buffer, xmemout may move everything or fail

  The xmemout kernel service, Return Values, lists paging I/O errors among the causes of XMEM_FAIL but says
  nothing of uncorrectable memory errors (ECC or parity), which the hardware reports per 64-byte line. The kit
  allows both readings: XMEM_SUCC with the whole move, or XMEM_FAIL, after which every byte the move could store
  holds its old value or its new one and the damaged lines keep their old bytes. It records which one an
  implementation takes. When a documented cause holds as well (a page without write access, a deleted segment, a
  descriptor that is not valid), the move fails: XMEM_FAIL is the only answer. A move that never touches a
  damaged line is an ordinary move and succeeds.

  Background:
    Given user processes p1 and p2
    And a user buffer ubuf of 4 pages in process p1
    And a kernel buffer kbuf of 4 pages
    And process p1 has attached descriptor d to 16384 bytes at ubuf+0

  Scenario Outline: a damaged page in the user buffer lets a move by <caller> succeed whole or fail
    Given page 1 of ubuf is damaged by an uncorrectable hardware error
    When <caller> calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And nothing outside the destination changes
    And every byte written comes from the source
    And the source is unchanged

    @clause:xmemout.hardware-error @clause:xmemout.env.process
    Examples: the process environment
      | caller           |
      | process p1       |
      | a kernel process |

    @clause:xmemout.hardware-error @clause:xmemout.env.process @clause:xmemout.cross-space
    Examples: the process environment, not under process p1
      | caller     |
      | process p2 |

    @clause:xmemout.hardware-error @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  @clause:xmemout.hardware-error
  Scenario Outline: damaged lines <first> to <last> in the middle of the destination let the move succeed whole or fail
    Given lines <first> to <last> of ubuf have an uncorrectable hardware error
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 8192, d)
    Then xmemout returns XMEM_SUCC or XMEM_FAIL
    And nothing outside the destination changes
    And every byte written comes from the source

    Examples:
      | first | last |
      | 10    | 10   |
      | 63    | 64   |
      | 0     | 127  |

  @clause:xmemout.succ @clause:xmemout.env.process
  Scenario: a move that never touches the damaged lines of a page is an ordinary move
    Given lines 10 to 11 of ubuf have an uncorrectable hardware error
    When a kernel process calls xmemout(kbuf+0, ubuf+768, 3000, d)
    Then xmemout returns XMEM_SUCC
    And the 3000 bytes at ubuf+768 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:xmemout.hardware-error @clause:xmemout.fail.authority @clause:inv.failure-effect
  Scenario: a damaged page and a read-only page after it: the move fails, and only the bytes before both may be stored
    Given page 1 of ubuf is damaged by an uncorrectable hardware error
    And page 2 of ubuf is read-only
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within its first 4096 bytes
    And nothing outside the destination changes

  @clause:xmemout.hardware-error @clause:xmemout.fail.paging-io @clause:inv.failure-effect
  Scenario: a damaged line and a paging I/O error before it: the move fails, and both keep their old bytes
    Given page 0 of ubuf is failing with a paging I/O error
    And line 100 of ubuf has an uncorrectable hardware error
    When an interrupt handler calls xmemout(kbuf+0, ubuf+0, 8192, d)
    Then xmemout returns XMEM_FAIL
    And the 8192 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 4096 to 6399 and 6464 to 8191
    And nothing outside the destination changes

  @clause:xmemout.fail.segment-deleted
  Scenario: a damaged page in a deleted segment: the deleted segment fails the move, and nothing is moved
    Given page 1 of ubuf is damaged by an uncorrectable hardware error
    And the segment of ubuf is deleted
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

  @clause:xmemout.fail.descriptor
  Scenario: a damaged page behind a descriptor that is not valid: the descriptor fails the move, and nothing is moved
    Given page 1 of ubuf is damaged by an uncorrectable hardware error
    And process p1 has detached descriptor d
    When a kernel process calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged
