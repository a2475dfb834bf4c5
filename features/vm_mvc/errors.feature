Feature: vm_mvc returns ENOENT for a file page without a real frame and EINVAL for a bad range or command

  vm_mvc kernel service, Rückgabewerte: ENOENT when (sid, pno) is not associated with a real frame; EINVAL when
  the m1 range crosses the page boundary or the command is not valid. Both concern the arguments and are found
  before anything is moved, so memory is left unchanged. When both hold, the page names no winner: either error
  is allowed, and the kit records which one an implementation chooses. Counts of zero or less are in the counts
  feature.

  Background:
    Given a user process p1
    And a file segment seg of 2 pages
    And a user buffer ubuf of 2 pages in process p1
    And pages 0 to 1 of ubuf are pinned
    And process p1 has attached descriptor d to 8192 bytes at ubuf+0

  @clause:vm_mvc.enoent
  Scenario Outline: <command> on a file page that has no real frame returns ENOENT
    Given file page 1 of seg has no real frame
    When process p1 calls vm_mvc(seg, 1, 0, 100, <command>, d, ubuf+0)
    Then vm_mvc returns ENOENT
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | command         |
      | VM_MVC_ZERO     |
      | VM_MVC_PROTZERO |
      | VM_MVC_READ     |
      | VM_MVC_WRITE    |

  @clause:vm_mvc.enoent
  Scenario: a page number past the end of the file segment has no real frame
    When process p1 calls vm_mvc(seg, 5, 0, 100, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns ENOENT
    And ubuf is unchanged

  @clause:vm_mvc.read @clause:vm_mvc.partial-page
  Scenario: a file page that regains its real frame can be read again
    Given file page 1 of seg has no real frame
    And file page 1 of seg has a real frame
    When process p1 calls vm_mvc(seg, 1, 0, 100, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns 0
    And the 100 bytes at ubuf+0 are a copy of offset 0 of file page 1 of seg

  @clause:vm_mvc.einval.cmd
  Scenario Outline: command <command> is not a vm_mvc command, so vm_mvc returns EINVAL
    When process p1 calls vm_mvc(seg, 0, 0, 100, <command>, d, ubuf+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | command |
      | 0       |
      | 5       |
      | -1      |

  @clause:vm_mvc.einval.boundary
  Scenario Outline: an offset of <offset> lies outside the page, so <command> returns EINVAL
    When process p1 calls vm_mvc(seg, 0, <offset>, 1, <command>, d, ubuf+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | offset | command     |
      | 4096   | VM_MVC_ZERO |
      | 4096   | VM_MVC_READ |
      | -1     | VM_MVC_ZERO |

  @clause:vm_mvc.enoent @clause:vm_mvc.einval.boundary
  Scenario: a file page without a real frame and a range that crosses the page end: ENOENT or EINVAL
    Given file page 1 of seg has no real frame
    When process p1 calls vm_mvc(seg, 1, 4000, 200, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns ENOENT or EINVAL
    And seg is unchanged

  @clause:vm_mvc.enoent @clause:vm_mvc.einval.cmd
  Scenario: a file page without a real frame and an invalid command: ENOENT or EINVAL
    Given file page 0 of seg has no real frame
    When process p1 calls vm_mvc(seg, 0, 0, 10, 9, d, ubuf+0)
    Then vm_mvc returns ENOENT or EINVAL
    And seg is unchanged
