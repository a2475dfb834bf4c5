Feature: every mistake the lint knows, once

  Background:
    Given a user process p1

  Scenario: no clause tag at all
    When process p1 calls xmdetach(d)
    Then xmdetach returns XMEM_FAIL

  @clause:xmdetach.fail.invalid @clause:xmdetach.no-such-thing
  Scenario: a tag that names no clause
    When process p1 calls xmdetach(d)
    Then xmdetach returns XMEM_FAIL

  @clause:xmdetach.fail.invalid
  Scenario: a step nobody defined
    When process p1 juggles descriptor d
    Then xmdetach returns XMEM_FAIL

  @clause:xmdetach.fail.invalid
  Scenario: no claim at the end
    When process p1 calls xmdetach(d)

  @clause:xmdetach.fail.invalid
  Scenario Outline: an outline with no rows <x>
    When process p1 calls xmdetach(<x>)
    Then xmdetach returns XMEM_FAIL

    Examples:
      | x |

  @clause:xmdetach.fail.invalid
  Scenario: a tag that names no clause
    When process p1 calls xmdetach(e)
    Then xmdetach returns XMEM_FAIL
