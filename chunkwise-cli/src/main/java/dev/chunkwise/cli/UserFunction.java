package dev.chunkwise.cli;

import dev.chunkwise.frame.PartitionFunction;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a user's own compiled partition function for {@code apply --apply CLASS --jar JAR}. */
final class UserFunction {

    private UserFunction() {
    }

    /**
     * @throws UsageException naming the class or the jar if either is missing, or the class is not a
     *                        {@link PartitionFunction} with a public no-argument constructor
     */
    static PartitionFunction load(String className, Path jar) {
        if (className == null || jar == null) {
            throw new UsageException("--apply CLASS and --jar JAR go together");
        }
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("--jar " + jar + ": no such file");
        }
        try {
            URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, UserFunction.class.getClassLoader());
            Class<?> c = Class.forName(className, true, loader);
            if (!PartitionFunction.class.isAssignableFrom(c)) {
                throw new UsageException("--apply " + className + ": it does not implement " + PartitionFunction.class.getName());
            }
            return (PartitionFunction) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new UsageException("--apply " + className + ": no such class in " + jar);
        } catch (NoSuchMethodException e) {
            throw new UsageException("--apply " + className + ": it needs a public constructor without arguments");
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new UsageException("--apply " + className + ": cannot be created: " + e);
        }
    }
}
