package dev.sqlup.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * One execution environment of {@link InProcessLambda}: a function's handler instance and how the
 * Lambda Java runtime calls it (the handler method, stream or POJO, and the runtime's serializers
 * for its input and output). One invocation at a time; see {@link InProcessLambda} for the pool.
 */
final class LambdaEnvironment {
  final SamFunction function;
  final Object handler;
  final Method method;
  final Mode mode;
  final PojoSerializer<Object> input;
  final PojoSerializer<Object> output;
  private final ClassLoader loader;
  private final Consumer<String> logSink;

  LambdaEnvironment(
      SamFunction function, Object handler, ClassLoader loader, Consumer<String> logSink) {
    this.function = function;
    this.handler = handler;
    this.loader = loader;
    this.logSink = logSink;
    Class<?> type = handler.getClass();
    String name = function.handlerMethod();
    if (handler instanceof RequestStreamHandler && name.equals("handleRequest")) {
      mode = Mode.STREAM;
      method = findMethod(type, name, InputStream.class, OutputStream.class, Context.class);
      input = null;
      output = null;
      return;
    }
    Type in;
    Type out;
    if (handler instanceof RequestHandler && name.equals("handleRequest")) {
      Type[] args = requestHandlerTypes(type);
      in = args[0];
      out = args[1];
      method = findMethod(type, name, Object.class, Context.class);
      mode = Mode.CONTEXT;
    } else {
      Method m = pojoMethod(type, name);
      method = m;
      in = m.getParameterCount() == 0 ? null : m.getGenericParameterTypes()[0];
      out = m.getGenericReturnType();
      mode =
          m.getParameterCount() == 0
              ? Mode.NONE
              : m.getParameterCount() == 1
                  ? Mode.INPUT
                  : m.getParameterTypes()[0] == InputStream.class ? Mode.STREAM : Mode.CONTEXT;
    }
    input = in == null ? null : serializer(in);
    output = out == void.class || out == Void.class ? null : serializer(out);
  }

  InvocationResult call(String requestId, String eventJson, long start) throws Exception {
    LambdaContext context = new LambdaContext(requestId, function, logSink);
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(handler.getClass().getClassLoader());
    try {
      String payload;
      if (mode == Mode.STREAM) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        invoke(
            new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), bytes, context);
        payload = bytes.toString(StandardCharsets.UTF_8);
      } else {
        Object event = input == null ? null : input.fromJson(eventJson);
        Object result =
            switch (mode) {
              case NONE -> invoke();
              case INPUT -> invoke(event);
              default -> invoke(event, context);
            };
        payload = serialize(result);
      }
      return new InvocationResult(
          requestId, payload, false, Duration.ofNanos(System.nanoTime() - start));
    } finally {
      current.setContextClassLoader(previous);
    }
  }

  private Object invoke(Object... args) throws Exception {
    try {
      return method.invoke(handler, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw new ExecutionException(e.getCause());
    }
  }

  private String serialize(Object result) {
    if (output == null || result == null) {
      return "null";
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    output.toJson(result, bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private enum Mode {
    NONE,
    INPUT,
    CONTEXT,
    STREAM
  }

  @SuppressWarnings("unchecked")
  private PojoSerializer<Object> serializer(Type type) {
    if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
      return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(c, loader);
    }
    return JacksonFactory.getInstance().getSerializer(type);
  }

  private static Method findMethod(Class<?> type, String name, Class<?>... params) {
    try {
      Method m = type.getMethod(name, params);
      m.setAccessible(true);
      return m;
    } catch (NoSuchMethodException e) {
      throw new TemplateException("handler " + type.getName() + " has no method " + name);
    }
  }

  private static Method pojoMethod(Class<?> type, String name) {
    Method best = null;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && !m.isBridge()
          && !Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() <= 3) {
        if (best == null || m.getParameterCount() > best.getParameterCount()) {
          best = m;
        }
      }
    }
    if (best == null) {
      throw new TemplateException("handler " + type.getName() + " has no public method " + name);
    }
    best.setAccessible(true);
    return best;
  }

  /**
   * The I and O of {@code RequestHandler<I, O>} as implemented by {@code type} (Object when
   * unbound).
   */
  static Type[] requestHandlerTypes(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Type t : c.getGenericInterfaces()) {
        if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
          Type[] args = p.getActualTypeArguments();
          return new Type[] {bound(args[0]), bound(args[1])};
        }
      }
      Type sup = c.getGenericSuperclass();
      if (sup instanceof ParameterizedType p
          && p.getActualTypeArguments().length == 2
          && RequestHandler.class.isAssignableFrom((Class<?>) p.getRawType())) {
        Type[] args = p.getActualTypeArguments();
        if (args[0] instanceof Class<?> && args[1] instanceof Class<?>) {
          return args;
        }
      }
    }
    return new Type[] {Object.class, Object.class};
  }

  private static Type bound(Type t) {
    return t instanceof TypeVariable<?> ? Object.class : t;
  }
}
