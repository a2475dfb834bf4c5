Feature: vm_mvc moves between a file page and a kernel buffer, and may be called from a kernel process

  vm_mvc kernel service, Beschreibung: the second memory object, m2, is a user buffer or a kernel buffer, described
  by a cross-memory descriptor and pinned. A kernel buffer is attached by a kernel process with SYS_ADSPACE (the
  xmattach page's Parameters). Ausführungsumgebung: vm_mvc may be called from the process environment only, and a
  kernel process is the process environment; it may move into a kernel buffer or into a user buffer another
  process attached.

  Background:
    Given a user process p1
    And a file segment seg of 2 pages
    And a kernel buffer kb of 2 pages
    And pages 0 to 1 of kb are pinned
    And a kernel process has attached descriptor k to 8192 bytes at kb+0

  Scenario Outline: <caller> reads <count> bytes from offset <offset> of file page 1 into the kernel buffer at kb+<to>
    When <caller> calls vm_mvc(seg, 1, <offset>, <count>, VM_MVC_READ, k, kb+<to>)
    Then vm_mvc returns 0
    And the <count> bytes at kb+<to> are a copy of offset <offset> of file page 1 of seg
    And nothing outside the destination changes
    And the source is unchanged

    @clause:vm_mvc.read @clause:vm_mvc.kernel-buffer @clause:vm_mvc.partial-page
    Examples: a user process
      | caller     | offset | count | to   |
      | process p1 | 100    | 50    | 0    |
      | process p1 | 1      | 4095  | 4097 |

    @clause:vm_mvc.read @clause:vm_mvc.kernel-buffer @clause:vm_mvc.partial-page @clause:vm_mvc.env.kernel-process
    Examples: a kernel process
      | caller           | offset | count | to   |
      | a kernel process | 2048   | 2048  | 7    |

  @clause:vm_mvc.read @clause:vm_mvc.kernel-buffer @clause:vm_mvc.env.kernel-process
  Scenario: a kernel process reads a whole file page into the kernel buffer
    When a kernel process calls vm_mvc(seg, 0, 0, 4096, VM_MVC_READ, k, kb+4096)
    Then vm_mvc returns 0
    And the 4096 bytes at kb+4096 are a copy of offset 0 of file page 0 of seg
    And nothing outside the destination changes

  Scenario Outline: <caller> writes <count> bytes from kb+<from> to offset <offset> of file page 0
    When <caller> calls vm_mvc(seg, 0, <offset>, <count>, VM_MVC_WRITE, k, kb+<from>)
    Then vm_mvc returns 0
    And the <count> bytes at offset <offset> of file page 0 of seg are a copy of kb+<from>
    And nothing outside the destination changes
    And the source is unchanged

    @clause:vm_mvc.write @clause:vm_mvc.kernel-buffer @clause:vm_mvc.partial-page
    Examples: a user process
      | caller     | offset | count | from |
      | process p1 | 0      | 1     | 0    |

    @clause:vm_mvc.write @clause:vm_mvc.kernel-buffer @clause:vm_mvc.partial-page @clause:vm_mvc.env.kernel-process
    Examples: a kernel process
      | caller           | offset | count | from |
      | a kernel process | 4000   | 96    | 8000 |
      | a kernel process | 10     | 100   | 4090 |

  @clause:vm_mvc.zero @clause:vm_mvc.kernel-buffer @clause:vm_mvc.partial-page @clause:vm_mvc.env.kernel-process
  Scenario: a kernel process zeroes part of a file page with a kernel buffer as m2
    When a kernel process calls vm_mvc(seg, 1, 100, 200, VM_MVC_ZERO, k, kb+0)
    Then vm_mvc returns 0
    And the 200 bytes at offset 100 of file page 1 of seg are zero
    And kb is unchanged

  @clause:vm_mvc.protzero @clause:vm_mvc.kernel-buffer @clause:vm_mvc.env.kernel-process
  Scenario: a kernel process zeroes and protects a whole file page with a kernel buffer as m2
    When a kernel process calls vm_mvc(seg, 0, 0, 4096, VM_MVC_PROTZERO, k, kb+0)
    Then vm_mvc returns 0
    And the 4096 bytes at offset 0 of file page 0 of seg are zero
    And file page 0 of seg no longer allows writes
    And kb is unchanged

  Scenario Outline: a kernel process moves between file page 1 and process p1's pinned buffer with <command>
    Given a user buffer ubuf of 1 page in process p1
    And page 0 of ubuf is pinned
    And process p1 has attached descriptor d to 4096 bytes at ubuf+0
    When a kernel process calls vm_mvc(seg, 1, 0, 4096, <command>, d, ubuf+0)
    Then vm_mvc returns 0
    And nothing outside the destination changes
    And the source is unchanged
    And every byte written comes from the source

    @clause:vm_mvc.read @clause:vm_mvc.env.kernel-process
    Examples: into the user buffer
      | command     |
      | VM_MVC_READ |

    @clause:vm_mvc.write @clause:vm_mvc.env.kernel-process
    Examples: from the user buffer
      | command      |
      | VM_MVC_WRITE |

  @clause:vm_mvc.m2-pinned
  Scenario: a kernel buffer that is not pinned is not a valid m2, whoever calls
    Given a kernel buffer loose of 1 page
    And a kernel process has attached descriptor l to 4096 bytes at loose+0
    When a kernel process calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, l, loose+0)
    Then the call breaks the caller obligation vm_mvc.m2-pinned

  @clause:vm_mvc.caller.m2-buffer
  Scenario: a read-only kernel buffer cannot receive VM_MVC_READ
    Given page 0 of kb is read-only
    When a kernel process calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, k, kb+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer

  @clause:vm_mvc.env.process-only
  Scenario: an interrupt handler may not call vm_mvc, even with a pinned kernel buffer
    When an interrupt handler calls vm_mvc(seg, 0, 0, 100, VM_MVC_READ, k, kb+0)
    Then the call breaks the caller obligation vm_mvc.env.process-only
