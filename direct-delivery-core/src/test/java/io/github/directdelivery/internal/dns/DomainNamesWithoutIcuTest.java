package io.github.directdelivery.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * Loads the core's classes in a class loader that hides ICU4J, as in an application that does not
 * depend on it, and checks that domain conversion falls back to the conservative converter.
 */
class DomainNamesWithoutIcuTest {

    @Test
    void convertsCommonNamesWithoutIcu() throws Exception {
        assertThat(toAsciiWithoutIcu("bücher.example.com")).isEqualTo("xn--bcher-kva.example.com");
        assertThat(toAsciiWithoutIcu("example.com")).isEqualTo("example.com");
    }

    @Test
    void rejectsSharpSWithoutIcu() {
        assertThatThrownBy(() -> toAsciiWithoutIcu("faß.de"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Domain \"faß.de\" cannot be converted safely without ICU4J")
                .hasMessageContaining("com.ibm.icu:icu4j");
    }

    private static String toAsciiWithoutIcu(String domain) throws Exception {
        URL coreClasses =
                DomainNames.class.getProtectionDomain().getCodeSource().getLocation();
        try (IcuHidingClassLoader loader =
                new IcuHidingClassLoader(coreClasses, DomainNamesWithoutIcuTest.class.getClassLoader())) {
            Class<?> domainNames = loader.loadClass(DomainNames.class.getName());
            assertThat(domainNames.getClassLoader()).isSameAs(loader);
            Method toAscii = domainNames.getMethod("toAscii", String.class);
            try {
                return (String) toAscii.invoke(null, domain);
            } catch (InvocationTargetException e) {
                throw (Exception) e.getCause();
            }
        }
    }

    /** Loads the project's classes itself, and refuses ICU4J's, so ICU4J looks absent. */
    private static final class IcuHidingClassLoader extends URLClassLoader {

        IcuHidingClassLoader(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("com.ibm.icu.")) {
                throw new ClassNotFoundException(name + " is hidden from this test");
            }
            if (!name.startsWith("io.github.directdelivery.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
