package xmemck.fuzz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void aCallBudgetAllowsExactlyThatManyCalls() {
        Budget.Meter m = Budget.calls(3).start();
        assertTrue(m.take());
        assertTrue(m.take());
        assertTrue(m.take());
        assertFalse(m.take());
        assertEquals(3, m.used());
    }

    @Test
    void aTimeBudgetEndsAndTimeSpentElsewhereCanBeGivenBack() throws InterruptedException {
        Budget.Meter m = Budget.time(Duration.ofMillis(30)).start();
        Thread.sleep(40);
        assertTrue(m.exhausted());
        m.extend(Duration.ofSeconds(30).toNanos());
        assertFalse(m.exhausted(), "the deadline moved 30 s later");
    }

    @Test
    void negativeBudgetsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Budget(-1, Duration.ZERO));
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
    }
}
