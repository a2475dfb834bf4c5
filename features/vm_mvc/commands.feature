Feature: vm_mvc zeroes, protects, reads and writes part of one file page

  vm_mvc kernel service, Zweck and Beschreibung: vm_mvc(sid, pno, pgoffs, count, cmd, xmemdp, ptr) serves client
  file systems that read or write parts of file pages (end of file, fragments, compression, holes). The first
  memory object, m1, is file page (sid, pno) from byte pgoffs; the second, m2, is a user or kernel buffer at ptr
  described by the cross-memory descriptor xmemdp, which must be pinned. Flags: the command says what to do:
    VM_MVC_ZERO     zero count bytes of m1;
    VM_MVC_PROTZERO zero them and protect m1: afterwards the page allows no writes (read-only and no access
                    both conform; the kit records which protection an implementation chooses);
    VM_MVC_READ     copy count bytes from m1 to m2;
    VM_MVC_WRITE    copy count bytes from m2 to m1.
  Rückgabewerte: 0 when the operation succeeded. Ausführungsumgebung: the process environment, which a kernel
  process is too. The kit models the 4 KiB base page.

  Background:
    Given a user process p1
    And a file segment seg of 2 pages
    And a user buffer ubuf of 2 pages in process p1
    And pages 0 to 1 of ubuf are pinned
    And process p1 has attached descriptor d to 8192 bytes at ubuf+0

  @clause:vm_mvc.zero @clause:vm_mvc.partial-page
  Scenario Outline: VM_MVC_ZERO zeroes <count> bytes of file page <pno> from offset <offset>
    When process p1 calls vm_mvc(seg, <pno>, <offset>, <count>, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the <count> bytes at offset <offset> of file page <pno> of seg are zero
    And nothing outside the destination changes
    And ubuf is unchanged

    Examples:
      | pno | offset | count |
      | 0   | 0      | 1     |
      | 1   | 100    | 50    |
      | 1   | 4095   | 1     |

  @clause:vm_mvc.zero
  Scenario: VM_MVC_ZERO zeroes a whole file page
    When process p1 calls vm_mvc(seg, 1, 0, 4096, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the 4096 bytes at offset 0 of file page 1 of seg are zero
    And nothing outside the destination changes

  @clause:vm_mvc.protzero @clause:vm_mvc.partial-page
  Scenario Outline: VM_MVC_PROTZERO zeroes <count> bytes of file page <pno> from offset <offset> and protects the page
    When process p1 calls vm_mvc(seg, <pno>, <offset>, <count>, VM_MVC_PROTZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the <count> bytes at offset <offset> of file page <pno> of seg are zero
    And file page <pno> of seg no longer allows writes
    And nothing outside the destination changes

    Examples:
      | pno | offset | count |
      | 0   | 0      | 100   |
      | 1   | 2048   | 2048  |

  @clause:vm_mvc.protzero
  Scenario: VM_MVC_PROTZERO zeroes and protects a whole file page
    When process p1 calls vm_mvc(seg, 0, 0, 4096, VM_MVC_PROTZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the 4096 bytes at offset 0 of file page 0 of seg are zero
    And file page 0 of seg no longer allows writes

  @clause:vm_mvc.read @clause:vm_mvc.partial-page
  Scenario Outline: VM_MVC_READ copies <count> bytes from offset <offset> of file page <pno> to ubuf+<to>
    When process p1 calls vm_mvc(seg, <pno>, <offset>, <count>, VM_MVC_READ, d, ubuf+<to>)
    Then vm_mvc returns 0
    And the <count> bytes at ubuf+<to> are a copy of offset <offset> of file page <pno> of seg
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | pno | offset | count | to   |
      | 0   | 0      | 1     | 0    |
      | 1   | 100    | 50    | 7    |
      | 1   | 1      | 4095  | 4097 |

  @clause:vm_mvc.read
  Scenario: VM_MVC_READ copies a whole file page
    When process p1 calls vm_mvc(seg, 1, 0, 4096, VM_MVC_READ, d, ubuf+4096)
    Then vm_mvc returns 0
    And the 4096 bytes at ubuf+4096 are a copy of offset 0 of file page 1 of seg

  @clause:vm_mvc.write @clause:vm_mvc.partial-page
  Scenario Outline: VM_MVC_WRITE copies <count> bytes from ubuf+<from> to offset <offset> of file page <pno>
    When process p1 calls vm_mvc(seg, <pno>, <offset>, <count>, VM_MVC_WRITE, d, ubuf+<from>)
    Then vm_mvc returns 0
    And the <count> bytes at offset <offset> of file page <pno> of seg are a copy of ubuf+<from>
    And nothing outside the destination changes
    And the source is unchanged

    Examples:
      | pno | offset | count | from |
      | 0   | 0      | 1     | 0    |
      | 1   | 100    | 50    | 7    |
      | 0   | 4000   | 96    | 8000 |

  @clause:vm_mvc.write
  Scenario: VM_MVC_WRITE copies a whole file page
    When process p1 calls vm_mvc(seg, 0, 0, 4096, VM_MVC_WRITE, d, ubuf+0)
    Then vm_mvc returns 0
    And the 4096 bytes at offset 0 of file page 0 of seg are a copy of ubuf+0

  @clause:vm_mvc.write @clause:vm_mvc.read @clause:vm_mvc.partial-page
  Scenario: data written into a file page with VM_MVC_WRITE reads back with VM_MVC_READ
    Given process p1 calls vm_mvc(seg, 1, 10, 100, VM_MVC_WRITE, d, ubuf+0)
    When process p1 calls vm_mvc(seg, 1, 10, 100, VM_MVC_READ, d, ubuf+4096)
    Then vm_mvc returns 0
    And the 100 bytes at ubuf+4096 are a copy of offset 10 of file page 1 of seg

  @clause:vm_mvc.zero @clause:vm_mvc.partial-page @clause:vm_mvc.env.kernel-process
  Scenario: a kernel process runs in the process environment and may call vm_mvc
    When a kernel process calls vm_mvc(seg, 0, 0, 10, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns 0
    And the 10 bytes at offset 0 of file page 0 of seg are zero

  @clause:vm_mvc.protzero @clause:vm_mvc.partial-page
  Scenario: after VM_MVC_PROTZERO the file page still reads back, whatever protection was chosen
    Given process p1 calls vm_mvc(seg, 1, 0, 10, VM_MVC_PROTZERO, d, ubuf+0)
    When process p1 calls vm_mvc(seg, 1, 0, 100, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns 0
    And the 100 bytes at ubuf+0 are a copy of offset 0 of file page 1 of seg

  @clause:vm_mvc.write @clause:vm_mvc.partial-page
  Scenario: vm_mvc writes a file page whatever its protection, even after VM_MVC_PROTZERO
    Given process p1 calls vm_mvc(seg, 0, 0, 4096, VM_MVC_PROTZERO, d, ubuf+0)
    When process p1 calls vm_mvc(seg, 0, 100, 50, VM_MVC_WRITE, d, ubuf+0)
    Then vm_mvc returns 0
    And the 50 bytes at offset 100 of file page 0 of seg are a copy of ubuf+0
