Feature: a malformed feature

  Scenario: a table whose rows do not agree
    Given a user process p1
    When process p1 calls xmdetach(d)
    Then xmdetach returns XMEM_FAIL
      | a | b |
      | c |
