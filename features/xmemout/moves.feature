Feature: xmemout moves data from kernel global memory into the address space a descriptor names

  xmemout(kaddr, uaddr, count, dp) copies count bytes of kernel global memory at kaddr to uaddr in the address
  space described by the cross-memory descriptor dp, which xmattach prepared. It returns XMEM_SUCC when the
  move is complete. Kernel processes and interrupt handlers use it to reach a user buffer while they are not
  running under that user's process (copyout is for code that is), so it may be called from the process and
  from the interrupt environment, under any process or none: the descriptor, not the caller, names the
  address space.

  Background:
    Given user processes p1 and p2
    And a user buffer ubuf of 4 pages in process p1
    And a kernel buffer kbuf of 4 pages
    And process p1 has attached descriptor d to 16384 bytes at ubuf+0

  @clause:xmemout.succ @clause:xmemout.env.process
  Scenario Outline: process p1 moves <count> bytes from kbuf+<from> to ubuf+<to>
    When process p1 calls xmemout(kbuf+<from>, ubuf+<to>, <count>, d)
    Then xmemout returns XMEM_SUCC
    And the <count> bytes at ubuf+<to> are a copy of kbuf+<from>
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | from | to    | count |
      | 0    | 0     | 1     |
      | 0    | 0     | 4096  |
      | 100  | 4000  | 200   |
      | 7    | 3     | 8193  |
      | 4095 | 12287 | 4097  |
      | 0    | 0     | 16384 |

  Scenario Outline: <caller> moves 5000 bytes into process p1's buffer through the descriptor
    When <caller> calls xmemout(kbuf+0, ubuf+100, 5000, d)
    Then xmemout returns XMEM_SUCC
    And the 5000 bytes at ubuf+100 are a copy of kbuf+0
    And nothing outside the destination changes
    And the source is unchanged

    @clause:xmemout.succ @clause:xmemout.env.process @clause:xmemout.cross-space
    Examples: the process environment, not under process p1
      | caller           |
      | process p2       |
      | a kernel process |

    @clause:xmemout.succ @clause:xmemout.env.interrupt @clause:xmemout.cross-space
    Examples: an interrupt handler
      | caller               |
      | an interrupt handler |

  @clause:xmemout.succ @clause:xmemout.env.interrupt @clause:xmattach.succ
  Scenario: an interrupt handler moves data into kernel memory that a kernel process attached with SYS_ADSPACE
    Given a kernel buffer kb2 of 1 page
    And a kernel process has attached descriptor k to 4096 bytes at kb2+0
    When an interrupt handler calls xmemout(kbuf+0, kb2+0, 4096, k)
    Then xmemout returns XMEM_SUCC
    And the 4096 bytes at kb2+0 are a copy of kbuf+0
    And nothing outside the destination changes

  @clause:xmemout.succ @clause:xmemout.env.process
  Scenario: two moves in a row: the second overwrites part of the first
    Given a kernel buffer kb2 of 1 page
    And a kernel process calls xmemout(kbuf+0, ubuf+0, 4096, d)
    When a kernel process calls xmemout(kb2+0, ubuf+2048, 100, d)
    Then xmemout returns XMEM_SUCC
    And the 100 bytes at ubuf+2048 are a copy of kb2+0
    And nothing outside the destination changes
