package io.nagare.connectors.jdbc;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.sql.XAConnection;
import javax.sql.XADataSource;

/**
 * Where the database is and how to log in: the URL, the user and password, and for exactly-once the
 * {@link XADataSource} class. Connections come from the driver that accepts the URL, found with
 * {@link ServiceLoader} in the job's class loader (drivers register themselves there since JDBC 4),
 * else through {@link DriverManager}. XA connections come from the data source class named with
 * {@link JdbcSinkBuilder#setXaDataSourceClassName}, else the one known for the driver (PostgreSQL's
 * {@code PGXADataSource}), configured with its {@code setURL} or {@code setUrl}.
 *
 * <p>The password travels with the job; {@link #toString()} and every message show the URL with any
 * password in it replaced ({@link JdbcUrls#redact}).
 */
final class Database implements Serializable {
  private static final long serialVersionUID = 1L;

  /** XA data sources of drivers this sink knows, by the driver's class name. */
  static final Map<String, String> KNOWN_XA_DATA_SOURCES = Map.of("org.postgresql.Driver", "org.postgresql.xa.PGXADataSource");

  private final String url;
  private final String user;
  private final String password;
  private final String xaDataSourceClassName;

  Database(String url, String user, String password, String xaDataSourceClassName) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.xaDataSourceClassName = xaDataSourceClassName;
  }

  /** The URL as messages show it, without passwords. */
  String describe() {
    return JdbcUrls.redact(url);
  }

  @Override
  public String toString() {
    return describe();
  }

  /** A new connection from the driver that accepts the URL. */
  Connection connect(ClassLoader classLoader) throws SQLException {
    Driver driver = driver(classLoader);
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    Connection connection = driver.connect(url, properties);
    if (connection == null) {
      throw new SQLException("The JDBC driver " + driver.getClass().getName() + " does not accept " + describe(), "08001");
    }
    return connection;
  }

  /** A new XA connection from the XA data source (see {@link #xaDataSourceClass}). */
  XAConnection connectXa(ClassLoader classLoader) throws SQLException {
    String className = xaDataSourceClass(driver(classLoader));
    XADataSource dataSource = newXaDataSource(className, classLoader);
    return user == null ? dataSource.getXAConnection() : dataSource.getXAConnection(user, password);
  }

  /**
   * The class name of the XA data source for {@code driver}: the one set on the builder, else the
   * one known for the driver.
   *
   * @throws IllegalArgumentException saying that EXACTLY_ONCE needs XA, naming the driver, if there is none
   */
  String xaDataSourceClass(Driver driver) {
    if (xaDataSourceClassName != null) {
      return xaDataSourceClassName;
    }
    String known = KNOWN_XA_DATA_SOURCES.get(driver.getClass().getName());
    if (known == null) {
      throw new IllegalArgumentException("EXACTLY_ONCE needs XA transactions, and the JDBC driver "
          + driver.getClass().getName() + " (for " + describe() + ") has no XADataSource this sink knows: name its"
          + " javax.sql.XADataSource class with setXaDataSourceClassName(..), or use AT_LEAST_ONCE (with upserts,"
          + " effectively once)");
    }
    return known;
  }

  /**
   * The driver that accepts the URL.
   *
   * @throws SQLException with SQLState 08001 if no driver on the class path accepts it
   */
  Driver driver(ClassLoader classLoader) throws SQLException {
    try {
      for (Driver d : ServiceLoader.load(Driver.class, classLoader)) {
        if (d.acceptsURL(url)) {
          return d;
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new SQLException("A JDBC driver on the class path could not be loaded: " + e.getMessage(), "08001", e);
    }
    try {
      return DriverManager.getDriver(url);
    } catch (SQLException e) {
      throw new SQLException("No JDBC driver on the job's class path accepts " + describe()
          + ": put the database's driver into the job jar", "08001", e);
    }
  }

  /**
   * Checks that the XA data source for the URL's driver exists and is an {@link XADataSource}.
   *
   * @throws IllegalArgumentException naming the driver or the class if not
   */
  void checkXa(ClassLoader classLoader, Driver driver) {
    String className = xaDataSourceClass(driver);
    loadXaDataSourceClass(className, classLoader);
  }

  private XADataSource newXaDataSource(String className, ClassLoader classLoader) throws SQLException {
    Class<? extends XADataSource> type = loadXaDataSourceClass(className, classLoader);
    XADataSource dataSource;
    try {
      dataSource = type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("The XA data source " + className + " cannot be created with a public"
          + " constructor without arguments: " + e, e);
    }
    Method setUrl = urlSetter(type);
    try {
      setUrl.invoke(dataSource, url);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s) {
        throw s;
      }
      throw new SQLException(className + "." + setUrl.getName() + " refused " + describe() + ": " + cause, "08001", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(className + "." + setUrl.getName() + " is not accessible: " + e, e);
    }
    return dataSource;
  }

  private static Class<? extends XADataSource> loadXaDataSourceClass(String className, ClassLoader classLoader) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("EXACTLY_ONCE needs the XA data source " + className
          + ", which is not on the job's class path", e);
    }
    if (!XADataSource.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("EXACTLY_ONCE needs XA transactions, and " + className
          + " is no javax.sql.XADataSource");
    }
    return type.asSubclass(XADataSource.class);
  }

  private static Method urlSetter(Class<?> type) {
    for (String name : List.of("setURL", "setUrl")) {
      for (Method m : type.getMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException("The XA data source " + type.getName() + " has neither setURL(String) nor"
        + " setUrl(String) to give it the URL");
  }
}
