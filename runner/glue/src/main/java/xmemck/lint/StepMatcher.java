package xmemck.lint;

import io.cucumber.core.resource.ClasspathScanner;
import io.cucumber.cucumberexpressions.Expression;
import io.cucumber.cucumberexpressions.ExpressionFactory;
import io.cucumber.cucumberexpressions.ParameterType;
import io.cucumber.cucumberexpressions.ParameterTypeRegistry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Matches step text against the glue's step definitions exactly as Cucumber does (same Cucumber
 * Expressions, same parameter types, read from the glue's annotations), without running anything.
 */
public final class StepMatcher {

    /** One step definition: its Cucumber Expression and where it is defined. */
    public record Definition(String expression, String method, Expression compiled) {}

    private final List<Definition> definitions;

    private StepMatcher(List<Definition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /** The step definitions of every class in {@code gluePackage}. */
    public static StepMatcher forGlue(String gluePackage) {
        List<Class<?>> classes =
                new ArrayList<>(
                        new ClasspathScanner(StepMatcher.class::getClassLoader)
                                .scanForClassesInPackage(gluePackage));
        classes.sort(Comparator.comparing(Class::getName));
        ParameterTypeRegistry registry = new ParameterTypeRegistry(Locale.ENGLISH);
        for (Class<?> c : classes) {
            for (Method m : c.getMethods()) {
                io.cucumber.java.ParameterType p =
                        m.getAnnotation(io.cucumber.java.ParameterType.class);
                if (p == null) continue;
                String name = p.name().isEmpty() ? m.getName() : p.name();
                registry.defineParameterType(
                        new ParameterType<>(name, p.value(), Object.class, (String s) -> s));
            }
        }
        ExpressionFactory factory = new ExpressionFactory(registry);
        List<Definition> defs = new ArrayList<>();
        for (Class<?> c : classes) {
            for (Method m : c.getMethods()) {
                for (Annotation a : m.getAnnotations()) {
                    String text = stepText(a);
                    if (text != null)
                        defs.add(
                                new Definition(
                                        text,
                                        c.getSimpleName() + "." + m.getName(),
                                        factory.createExpression(text)));
                }
            }
        }
        return new StepMatcher(defs);
    }

    public List<Definition> definitions() {
        return definitions;
    }

    /**
     * The definitions whose expression matches {@code text} (exactly one, for a well-written step).
     */
    public List<Definition> matching(String text) {
        List<Definition> out = new ArrayList<>(1);
        for (Definition d : definitions) if (d.compiled().match(text) != null) out.add(d);
        return out;
    }

    private static String stepText(Annotation a) {
        return switch (a) {
            case io.cucumber.java.en.Given g -> g.value();
            case io.cucumber.java.en.When w -> w.value();
            case io.cucumber.java.en.Then t -> t.value();
            case io.cucumber.java.en.And x -> x.value();
            case io.cucumber.java.en.But b -> b.value();
            default -> null;
        };
    }
}
