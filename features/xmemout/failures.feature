Feature: xmemout returns XMEM_FAIL when the move cannot be made, and the bytes it could not store keep their old values

  The xmemout kernel service, Return Values, lists the causes of XMEM_FAIL: the user does not have the access
  authority the user buffer needs; the user buffer is in an address range that is not valid; the segment
  containing the user buffer has been deleted; the cross-memory descriptor is not valid; a paging I/O error
  occurred while the user buffer was being accessed; and, at interrupt level only, the user buffer is not in
  memory. The page does not say what the user buffer holds after a failure. A move may run in any order and stop
  anywhere, so every byte it could store holds its old value or its new one, in any mix, and every byte it could
  not store (a read-only, inaccessible or unmapped page, a page whose paging I/O fails, a page not in memory at
  interrupt level) keeps its old value. Causes found before any byte is touched (a deleted segment, a descriptor
  that is not valid, an address that is not a user buffer at all) leave the buffer unchanged. Memory errors, which
  the page does not list, are in the hardware errors feature.

  Background:
    Given user processes p1 and p2
    And a user buffer ubuf of 4 pages in process p1
    And a kernel buffer kbuf of 4 pages
    And process p1 has attached descriptor d to 16384 bytes at ubuf+0

  Scenario Outline: a <protection> page of the user buffer fails the move, called by <caller>
    Given page 1 of ubuf is <protection>
    When <caller> calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4095 and 8192 to 12287
    And the 4096 bytes at ubuf+4096 are unchanged
    And nothing outside the destination changes

    @clause:xmemout.fail.authority @clause:xmemout.env.process
    Examples: the process environment
      | protection   | caller           |
      | read-only    | process p1       |
      | inaccessible | process p1       |
      | read-only    | process p2       |
      | read-only    | a kernel process |

    @clause:xmemout.fail.authority @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | protection   | caller               |
      | read-only    | an interrupt handler |
      | inaccessible | an interrupt handler |

  Scenario Outline: a hole (an unmapped page) in the user buffer fails the move, called by <caller>
    Given page 2 of ubuf is unmapped
    When <caller> calls xmemout(kbuf+0, ubuf+4096, 12288, d)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+4096 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4095 and 8192 to 12287
    And nothing outside the destination changes

    @clause:xmemout.fail.range @clause:xmemout.env.process
    Examples: the process environment
      | caller           |
      | process p1       |
      | a kernel process |

    @clause:xmemout.fail.range @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  Scenario Outline: a move to the <place> fails, called by <caller>
    When <caller> calls xmemout(kbuf+0, <place>, 64, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

    @clause:xmemout.fail.range @clause:xmemout.env.process
    Examples: the process environment
      | place            | caller           |
      | null address     | process p1       |
      | unmapped address | process p1       |
      | kernel address   | process p1       |
      | null address     | a kernel process |

    @clause:xmemout.fail.range @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | place            | caller               |
      | null address     | an interrupt handler |
      | unmapped address | an interrupt handler |

  Scenario Outline: the segment of the user buffer has been deleted, called by <caller>
    Given the segment of ubuf is deleted
    When <caller> calls xmemout(kbuf+0, ubuf+0, 4096, d)
    Then xmemout returns XMEM_FAIL
    And the 4096 bytes at ubuf+0 are unchanged

    @clause:xmemout.fail.segment-deleted @clause:xmemout.env.process
    Examples: the process environment
      | caller           |
      | process p1       |
      | a kernel process |

    @clause:xmemout.fail.segment-deleted @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  Scenario Outline: a descriptor that was never attached is not valid, called by <caller>
    When <caller> calls xmemout(kbuf+0, ubuf+0, 4096, e)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

    @clause:xmemout.fail.descriptor @clause:xmemout.env.process
    Examples: the process environment
      | caller           |
      | process p1       |
      | a kernel process |

    @clause:xmemout.fail.descriptor @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  Scenario Outline: a detached descriptor is not valid, called by <caller>
    Given process p1 has detached descriptor d
    When <caller> calls xmemout(kbuf+0, ubuf+0, 4096, d)
    Then xmemout returns XMEM_FAIL
    And ubuf is unchanged

    @clause:xmemout.fail.descriptor @clause:xmdetach.succ @clause:xmemout.env.process
    Examples: the process environment
      | caller           |
      | process p1       |
      | a kernel process |

    @clause:xmemout.fail.descriptor @clause:xmdetach.succ @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  Scenario Outline: a paging I/O error on a page of the user buffer fails the move, called by <caller>
    Given page 1 of ubuf is failing with a paging I/O error
    When <caller> calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes 0 to 4095 and 8192 to 12287
    And nothing outside the destination changes

    @clause:xmemout.fail.paging-io @clause:xmemout.env.process
    Examples: the process environment
      | caller           |
      | process p1       |
      | a kernel process |

    @clause:xmemout.fail.paging-io @clause:xmemout.env.interrupt
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  @clause:xmemout.fail.interrupt-not-resident @clause:xmemout.env.interrupt
  Scenario Outline: a paged-out page at <position> of the user buffer fails the move at interrupt level
    Given page <page> of ubuf is paged out
    When an interrupt handler calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+0 are unchanged or partly a copy of kbuf+0 within bytes <storable>
    And nothing outside the destination changes

    Examples:
      | position  | page | storable      |
      | the start | 0    | 4096 to 12287 |
      | the end   | 2    | 0 to 8191     |

  @clause:xmemout.process-not-resident @clause:xmemout.succ @clause:xmemout.env.process
  Scenario Outline: paged-out pages of the user buffer are brought in when <caller> moves
    Given pages 0 to 2 of ubuf are paged out
    When <caller> calls xmemout(kbuf+0, ubuf+0, 12288, d)
    Then xmemout returns XMEM_SUCC
    And the 12288 bytes at ubuf+0 are a copy of kbuf+0
    And nothing outside the destination changes

    Examples:
      | caller           |
      | process p1       |
      | process p2       |
      | a kernel process |

  @clause:xmemout.fail.authority @clause:xmemout.fail.range @clause:xmemout.env.process
  Scenario: a read-only page and a hole in one move: XMEM_FAIL, and only the bytes around both may be stored
    Given page 0 of ubuf is read-only
    And page 2 of ubuf is unmapped
    When a kernel process calls xmemout(kbuf+0, ubuf+2048, 12288, d)
    Then xmemout returns XMEM_FAIL
    And the 12288 bytes at ubuf+2048 are unchanged or partly a copy of kbuf+0 within bytes 2048 to 6143 and 10240 to 12287
    And nothing outside the destination changes

