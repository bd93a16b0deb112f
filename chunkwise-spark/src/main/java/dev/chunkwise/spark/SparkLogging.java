package dev.chunkwise.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.spark.sql.SparkSession;

/**
 * Sets the logging of the Spark sessions chunkwise starts: WARN and above on standard error when the program has no
 * log4j2 configuration of its own, and the program's own configuration untouched when it has one.
 *
 * <p>Call only when log4j-core is on the class path (this class links to it); when log4j2 sends its logging elsewhere
 * (log4j-to-slf4j, say), it does nothing.
 */
final class SparkLogging {

    /*
     * Overview: Spark, as it starts, loads its own profile (root at INFO, "Using Spark's default log4j profile") when
     * log4j2 is still at log4j's DefaultConfiguration, that is when no log4j2 file was found and none was set in code.
     * So chunkwise gives that context a configuration of its own first. The context must be held: log4j2 keeps its
     * contexts weakly, and one collected is made again at the default, which Spark then replaces (that is how setting
     * the root level alone lost to Spark's INFO).
     */

    /** The message of Spark's loopback warning, noise for a local session, which binds to 127.0.0.1 on purpose. */
    static final String LOOPBACK = "(?s).*(resolves to a loopback address|Set SPARK_LOCAL_IP if you need to bind).*";

    /** The context configured, held so that log4j2 does not drop it and make a default one again. */
    private static LoggerContext held;

    private SparkLogging() {
    }

    /**
     * Puts Spark's logging at WARN on standard error unless the program configured log4j2 itself; with
     * {@code verbose}, leaves Spark's own profile (INFO) to load, or raises {@code org.apache.spark} to INFO in the
     * program's own configuration.
     *
     * @param local whether the session is local, whose loopback warning is then dropped
     */
    static synchronized void configure(boolean verbose, boolean local) {
        if (!(LogManager.getContext(SparkSession.class.getClassLoader(), false) instanceof LoggerContext context)) {
            return;
        }
        boolean programsOwn = !(context.getConfiguration() instanceof DefaultConfiguration);
        if (verbose) {
            if (programsOwn) {
                Configurator.setLevel("org.apache.spark", Level.INFO);
            }
            return;
        }
        if (programsOwn) {
            return;
        }
        context.reconfigure(quiet(local));
        held = context;
    }

    /** Returns chunkwise's configuration: root at WARN to standard error, in the layout Spark's own profile uses. */
    static BuiltConfiguration quiet(boolean local) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setConfigurationName("chunkwise-spark");
        b.add(b.newAppender("stderr", "Console").addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        if (local) {
            b.add(b.newLogger("org.apache.spark.util.Utils", Level.WARN)
                    .add(b.newFilter("RegexFilter", Filter.Result.DENY, Filter.Result.NEUTRAL).addAttribute("regex", LOOPBACK)));
        }
        return b.build(false);
    }
}
