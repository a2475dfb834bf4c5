Feature: vm_mvc with a count of zero or less moves nothing; ENOENT and EINVAL still decide

  vm_mvc kernel service, Syntax: in_count is an int, and no section says what a count of 0 or less does. Nothing
  is moved, zeroed or protected, so vm_mvc may return 0 or EINVAL, and the kit records which. The documented
  errors (Rückgabewerte) concern the arguments and hold whatever the count: a (sid, pno) without a real frame is
  ENOENT, an invalid command is EINVAL, and so is a pgoffs outside the page. An empty range that starts at the
  very end of the page crosses nothing, so there either answer conforms. A buffer the command could not use (a
  read-only m2 for VM_MVC_READ) is no obstacle when nothing is moved; the obligations on m2 that do not depend on
  the count (an attached descriptor) still hold.

  Background:
    Given a user process p1
    And a file segment seg of 2 pages
    And a user buffer ubuf of 2 pages in process p1
    And pages 0 to 1 of ubuf are pinned
    And process p1 has attached descriptor d to 8192 bytes at ubuf+0

  @clause:vm_mvc.count.nonpositive
  Scenario Outline: a count of <count> moves nothing, and <command> may return 0 or EINVAL
    When process p1 calls vm_mvc(seg, 0, 0, <count>, <command>, d, ubuf+0)
    Then vm_mvc returns 0 or EINVAL
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | count | command         |
      | 0     | VM_MVC_ZERO     |
      | 0     | VM_MVC_READ     |
      | 0     | VM_MVC_WRITE    |
      | 0     | VM_MVC_PROTZERO |
      | -1    | VM_MVC_ZERO     |
      | -1    | VM_MVC_PROTZERO |
      | -4096 | VM_MVC_READ     |

  @clause:vm_mvc.enoent
  Scenario Outline: a count of <count> on a file page without a real frame is still ENOENT for <command>
    Given file page 1 of seg has no real frame
    When process p1 calls vm_mvc(seg, 1, 0, <count>, <command>, d, ubuf+0)
    Then vm_mvc returns ENOENT
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | count | command         |
      | 0     | VM_MVC_READ     |
      | 0     | VM_MVC_PROTZERO |
      | -1    | VM_MVC_WRITE    |

  @clause:vm_mvc.enoent
  Scenario: a count of 0 on a page number past the end of the file segment is still ENOENT
    When process p1 calls vm_mvc(seg, 7, 0, 0, VM_MVC_ZERO, d, ubuf+0)
    Then vm_mvc returns ENOENT
    And ubuf is unchanged

  @clause:vm_mvc.einval.cmd
  Scenario Outline: a count of <count> with command <command> is still EINVAL
    When process p1 calls vm_mvc(seg, 0, 0, <count>, <command>, d, ubuf+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | count | command |
      | 0     | 0       |
      | 0     | 5       |
      | -1    | -1      |

  @clause:vm_mvc.einval.boundary
  Scenario Outline: a count of 0 at pgoffs <offset>, outside the page, is still EINVAL
    When process p1 calls vm_mvc(seg, 0, <offset>, 0, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns EINVAL
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | offset |
      | 4097   |
      | -1     |

  @clause:vm_mvc.count.nonpositive
  Scenario Outline: a count of 0 at pgoffs 4096, the very end of the page, crosses nothing: <command> may return 0 or EINVAL
    When process p1 calls vm_mvc(seg, 0, 4096, 0, <command>, d, ubuf+0)
    Then vm_mvc returns 0 or EINVAL
    And seg is unchanged
    And ubuf is unchanged

    Examples:
      | command     |
      | VM_MVC_ZERO |
      | VM_MVC_READ |

  @clause:vm_mvc.enoent @clause:vm_mvc.einval.cmd
  Scenario: a count of 0 on a file page without a real frame and with an invalid command: ENOENT or EINVAL
    Given file page 0 of seg has no real frame
    When process p1 calls vm_mvc(seg, 0, 0, 0, 9, d, ubuf+0)
    Then vm_mvc returns ENOENT or EINVAL
    And seg is unchanged

  @clause:vm_mvc.count.nonpositive
  Scenario: a count of 0 for VM_MVC_READ into a read-only m2 accesses nothing, so vm_mvc may return 0 or EINVAL
    Given page 0 of ubuf is read-only
    When process p1 calls vm_mvc(seg, 0, 0, 0, VM_MVC_READ, d, ubuf+0)
    Then vm_mvc returns 0 or EINVAL
    And ubuf is unchanged

  @clause:vm_mvc.caller.m2-buffer
  Scenario: a count of 0 through a descriptor that is not attached is still outside the contract
    When process p1 calls vm_mvc(seg, 0, 0, 0, VM_MVC_ZERO, x, ubuf+0)
    Then the call breaks the caller obligation vm_mvc.caller.m2-buffer
