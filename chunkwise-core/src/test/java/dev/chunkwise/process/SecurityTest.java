package dev.chunkwise.process;

import dev.chunkwise.codec.SerialFilter;
import dev.chunkwise.codec.Serialization;
import dev.chunkwise.frame.Frames;
import dev.chunkwise.pool.Pool;
import dev.chunkwise.pool.TaskFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;
import javax.tools.ToolProvider;

import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The promises of docs/security.md that a test can keep. */
class SecurityTest {

    @Test
    void privateDirectory_isOwnerOnly_andHoldsNoSocketOnceWorkersConnected() throws IOException {
        try (ProcessPool pool = (ProcessPool) Pool.processes(2)) {
            Path dir = pool.directory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".sock"));
            }
        }
    }

    @Test
    void mappedFrameFiles_areOwnerOnly() throws Exception {
        Path dir = PrivateDir.create();
        try {
            Serialization.serialize(List.of(Frames.randomInts(400_000, 0, 10, 1, "A")), dir, "test");
            try (var files = Files.list(dir)) {
                List<Path> frames = files.filter(PrivateDirs::isFrameFile).toList();
                assertThat(frames).hasSize(1);
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(frames.get(0)))).isEqualTo("rw-------");
            }
        } finally {
            PrivateDir.delete(dir);
        }
    }

    @Test
    void processPool_opensNoTcpPort() throws Exception {
        long before = listeningTcpSockets();
        try (Pool pool = Pool.processes(2)) {
            pool.map(x -> x, List.of(1, 2));
            assertThat(listeningTcpSockets()).isEqualTo(before);
        }
    }

    @Test
    void classOutsideTheFilter_isRefused() {
        try (Pool pool = Pool.processes(1)) {
            assertThatThrownBy(() -> pool.map(x -> javax.management.ObjectName.WILDCARD, List.of(1)))
                    .isInstanceOf(TaskFailedException.class)
                    .hasMessageContaining("REJECTED");
        }
    }

    /** One class of each family docs/security.md says is refused, most of them in subpackages of the pattern. */
    @ParameterizedTest
    @ValueSource(strings = {
            "javax.management.ObjectName",
            "javax.management.remote.rmi.RMIConnector",
            "javax.management.openmbean.CompositeDataSupport",
            "java.rmi.MarshalledObject",
            "java.rmi.server.RemoteObjectInvocationHandler",
            "sun.rmi.server.UnicastRef",
            "javax.naming.Reference",
            "javax.naming.ldap.Rdn",
            "com.sun.jndi.ldap.LdapAttribute",
            "com.sun.jndi.rmi.registry.ReferenceWrapper",
            "com.sun.rowset.JdbcRowSetImpl",
            "com.sun.rowset.internal.Row",
            "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl",
            "java.lang.ProcessBuilder",
            "java.lang.Runtime"})
    void defaultFilter_refusesEachDocumentedFamily_withItsSubpackages(String className) throws Exception {
        Class<?> c = Class.forName(className, false, getClass().getClassLoader());

        assertThat(SerialFilter.get().checkInput(info(c))).isEqualTo(ObjectInputFilter.Status.REJECTED);
    }

    @Test
    void defaultFilter_refusesTheLibraryGadgetFamilies_withTheirSubpackages(@TempDir Path dir) throws Exception {
        List<String> names = List.of(
                "org.apache.commons.collections.functors.InvokerTransformer",
                "org.apache.commons.collections.functors.sub.Gadget",
                "org.apache.commons.collections4.functors.InstantiateTransformer",
                "org.apache.commons.beanutils.BeanComparator",
                "org.apache.commons.beanutils.locale.Gadget",
                "org.codehaus.groovy.runtime.MethodClosure",
                "org.codehaus.groovy.runtime.callsite.Gadget",
                "org.apache.xalan.xsltc.trax.TemplatesImpl",
                "org.springframework.beans.factory.ObjectFactory",
                "org.springframework.beans.factory.support.Gadget");
        try (URLClassLoader loader = compiledStubs(dir, names)) {
            for (String name : names) {
                assertThat(SerialFilter.get().checkInput(info(loader.loadClass(name)))).as(name)
                        .isEqualTo(ObjectInputFilter.Status.REJECTED);
            }
            assertThat(SerialFilter.get().checkInput(info(loader.loadClass("org.apache.commons.collectionsX.Fine"))))
                    .as("a package that only starts like a refused one").isEqualTo(ObjectInputFilter.Status.ALLOWED);
        }
    }

    @Test
    void defaultFilter_allowsTheUsersOwnClassesAndTheJdksValues() {
        for (Class<?> c : List.of(SecurityTest.class, String.class, java.util.ArrayList.class, java.time.Instant.class)) {
            assertThat(SerialFilter.get().checkInput(info(c))).as(c.getName()).isEqualTo(ObjectInputFilter.Status.ALLOWED);
        }
    }

    @Test
    void jmxValueInASubpackage_serializedForReal_isRefusedByThePoolsDecoder() throws Exception {
        CompositeType type = new CompositeType("T", "a type", new String[]{"a"}, new String[]{"a"},
                new OpenType<?>[]{SimpleType.STRING});
        byte[] bytes = Serialization.serialize(List.of(new CompositeDataSupport(type, new String[]{"a"}, new Object[]{"x"})),
                "test");

        assertThatThrownBy(() -> Serialization.deserialize(bytes, SerialFilter.get()))
                .isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    @Test
    void badFilterProperty_failsNamingThePropertyItsValueAndTheSyntax_beforeAnyDirectoryIsMade() {
        List<Path> before = PrivateDirs.ofThisProcess();
        System.setProperty(SerialFilter.PROPERTY, "maxdepth=abc");
        try {
            assertThatThrownBy(() -> Pool.processes(1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the system property chunkwise.serialFilter is 'maxdepth=abc', which is not a"
                            + " deserialization filter (For input string: \"abc\"); expected: limits and class patterns"
                            + " separated by ';', as in java.io.ObjectInputFilter.Config.createFilter, e.g."
                            + " 'maxdepth=200;!com.example.**;*'; or leave it unset for the default");
            assertThatThrownBy(() -> WorkerProcess.start(x -> x, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the system property chunkwise.serialFilter is 'maxdepth=abc'");
        } finally {
            System.clearProperty(SerialFilter.PROPERTY);
        }
        assertThat(PrivateDirs.ofThisProcess()).isEqualTo(before);
    }

    static ObjectInputFilter.FilterInfo info(Class<?> c) {
        return new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return c;
            }

            @Override
            public long arrayLength() {
                return -1;
            }

            @Override
            public long depth() {
                return 1;
            }

            @Override
            public long references() {
                return 1;
            }

            @Override
            public long streamBytes() {
                return 100;
            }
        };
    }

    /** Compiles an empty serializable class of each name and returns a loader for them. */
    private static URLClassLoader compiledStubs(Path dir, List<String> names) throws IOException {
        List<String> all = new ArrayList<>(names);
        all.add("org.apache.commons.collectionsX.Fine");
        List<String> sources = new ArrayList<>();
        for (String name : all) {
            int dot = name.lastIndexOf('.');
            Path src = dir.resolve("src").resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, "package " + name.substring(0, dot) + ";\npublic class " + name.substring(dot + 1)
                    + " implements java.io.Serializable {}\n");
            sources.add(src.toString());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        args.addAll(sources);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        return new URLClassLoader(new URL[]{classes.toUri().toURL()}, SecurityTest.class.getClassLoader());
    }

    @Test
    void hugeArrayInCorruptBytes_isRefusedBeforeAllocating() {
        byte[] bytes = Serialization.serialize(new int[1000], "test");
        // The serialized int[] holds its length right after the class descriptor; make it claim 2^30 elements.
        for (int i = 0; i + 4 <= bytes.length; i++) {
            if (bytes[i] == 0 && bytes[i + 1] == 0 && bytes[i + 2] == 0x03 && bytes[i + 3] == (byte) 0xE8) {
                bytes[i] = 0x40;
                break;
            }
        }
        assertThatThrownBy(() -> Serialization.deserialize(bytes, SerialFilter.get()))
                .isInstanceOf(java.io.InvalidClassException.class)
                .hasMessageContaining("REJECTED");
    }

    /** Counts the sockets in LISTEN state in /proc/net/tcp and tcp6 (this machine's; tests run alone). */
    static long listeningTcpSockets() throws IOException {
        long n = 0;
        for (String f : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path p = Path.of(f);
            if (Files.exists(p)) {
                n += Files.readAllLines(p).stream().skip(1).filter(l -> l.trim().split("\\s+")[3].equals("0A")).count();
            }
        }
        return n;
    }
}
