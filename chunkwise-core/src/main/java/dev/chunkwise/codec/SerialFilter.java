package dev.chunkwise.codec;

import java.io.ObjectInputFilter;

/**
 * The deserialization filter for everything that crosses between the caller and its worker processes, in both
 * directions.
 *
 * <p>Functions and items are the user's own classes, so the filter cannot list what is allowed; it bounds the graph
 * (depth, references, array length) and refuses the classes known as deserialization gadgets. The channel itself is
 * private to the user (see {@code docs/security.md}); the filter is a second wall. Set the system property
 * {@value #PROPERTY} to a pattern in {@link ObjectInputFilter.Config#createFilter} syntax to replace it; worker
 * processes are started with the caller's pattern.
 */
public final class SerialFilter {

    /** The system property that replaces the default pattern. */
    public static final String PROPERTY = "chunkwise.serialFilter";

    /**
     * The default pattern: limits, then refused packages with all their subpackages ({@code pkg.**}; {@code pkg.*}
     * would refuse that package only, and let {@code sun.rmi.server} or {@code javax.management.remote.rmi} through),
     * then everything else allowed.
     */
    public static final String DEFAULT_PATTERN = "maxdepth=200;maxrefs=50000000;maxarray=2147483639"
            + ";!org.apache.commons.collections.functors.**"
            + ";!org.apache.commons.collections4.functors.**"
            + ";!org.apache.commons.beanutils.**"
            + ";!org.codehaus.groovy.runtime.**"
            + ";!com.sun.org.apache.xalan.internal.xsltc.trax.**"
            + ";!org.apache.xalan.xsltc.trax.**"
            + ";!org.springframework.beans.factory.**"
            + ";!com.sun.rowset.**"
            + ";!javax.management.**"
            + ";!java.rmi.**;!sun.rmi.**"
            + ";!javax.naming.**;!com.sun.jndi.**"
            + ";!java.lang.ProcessBuilder;!java.lang.Runtime"
            + ";*";

    private SerialFilter() {
    }

    /**
     * Returns the filter in force: {@value #PROPERTY} if set, else {@link #DEFAULT_PATTERN}.
     *
     * @return the filter
     * @throws IllegalArgumentException naming {@value #PROPERTY}, its value and the expected syntax, if the property
     *                                  is set to a pattern that {@link ObjectInputFilter.Config#createFilter} refuses
     */
    public static ObjectInputFilter get() {
        String pattern = pattern();
        try {
            return ObjectInputFilter.Config.createFilter(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the system property " + PROPERTY + " is '" + pattern
                    + "', which is not a deserialization filter (" + e.getMessage() + "); expected: limits and class"
                    + " patterns separated by ';', as in java.io.ObjectInputFilter.Config.createFilter, e.g. "
                    + "'maxdepth=200;!com.example.**;*'; or leave it unset for the default", e);
        }
    }

    /**
     * Returns {@code base}, also refusing any array longer than {@code streamBytes}: every element takes at least
     * one byte of the stream, so a longer array can only come from corrupted or hostile bytes, and refusing it
     * keeps them from allocating gigabytes.
     */
    static ObjectInputFilter boundedBy(ObjectInputFilter base, long streamBytes) {
        return info -> {
            if (info.arrayLength() > streamBytes) {
                return ObjectInputFilter.Status.REJECTED;
            }
            return base == null ? ObjectInputFilter.Status.UNDECIDED : base.checkInput(info);
        };
    }

    /**
     * Returns the pattern in force: {@value #PROPERTY} if set and not blank, else {@link #DEFAULT_PATTERN}.
     *
     * @return the pattern
     */
    public static String pattern() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? DEFAULT_PATTERN : p;
    }
}
