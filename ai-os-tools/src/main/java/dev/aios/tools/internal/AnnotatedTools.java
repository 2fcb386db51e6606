package dev.aios.tools.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.aios.api.AiOsException;
import dev.aios.api.ToolCall;
import dev.aios.api.ToolDescriptor;
import dev.aios.api.ToolResult;
import dev.aios.api.ToolRisk;
import dev.aios.tools.ToolHandler;
import dev.aios.tools.ToolMethod;
import dev.aios.tools.ToolParam;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the {@link ToolMethod} methods of an object into {@link InProcessTool}s. A parameter of
 * type {@link ToolCall} receives the call itself and is left out of the input schema.
 */
public final class AnnotatedTools {
    private AnnotatedTools() {}

    /**
     * @return one tool per {@link ToolMethod} method of {@code target}, ordered by name
     * @throws AiOsException if {@code target} declares none, or a method cannot be a tool
     */
    public static List<InProcessTool> of(Object target) {
        Class<?> type = target.getClass();
        List<Method> methods = Arrays.stream(type.getMethods())
                .filter(m -> m.isAnnotationPresent(ToolMethod.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        if (methods.isEmpty()) {
            throw AiOsException.permanent(type.getName() + " has no public method annotated @ToolMethod; annotate the "
                    + "methods the agent may call");
        }
        List<InProcessTool> tools = new ArrayList<>();
        for (Method method : methods) {
            tools.add(tool(target, method));
        }
        return tools;
    }

    private static InProcessTool tool(Object target, Method method) {
        ToolMethod annotation = method.getAnnotation(ToolMethod.class);
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (Modifier.isStatic(method.getModifiers()) && target == null) {
            throw AiOsException.permanent(where + " is static; register an instance");
        }
        String name = annotation.name().isBlank() ? method.getName() : annotation.name();
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<JavaType> types = new ArrayList<>();
        boolean takesCall = false;
        for (Parameter parameter : method.getParameters()) {
            ToolParam param = parameter.getAnnotation(ToolParam.class);
            if (parameter.getType() == ToolCall.class) {
                if (param != null || takesCall) {
                    throw AiOsException.permanent("tool method " + where + " takes a ToolCall " + (takesCall
                            ? "twice; take it once" : "annotated @ToolParam; the call is not an argument, so drop "
                            + "the annotation"));
                }
                takesCall = true;
                names.add(null);
                types.add(null);
                continue;
            }
            String paramName = param != null && !param.name().isBlank() ? param.name()
                    : parameter.isNamePresent() ? parameter.getName() : null;
            if (paramName == null) {
                throw AiOsException.permanent("parameter " + parameter.getName() + " of tool method " + where
                        + " has no name: add @ToolParam(name = \"...\") or compile with -parameters");
            }
            Map<String, Object> schema = schemaOf(parameter.getParameterizedType(), where + "(" + paramName + ")");
            if (param != null && !param.value().isBlank()) {
                schema.put("description", param.value());
            }
            properties.put(paramName, schema);
            if (param == null || param.required()) {
                required.add(paramName);
            }
            names.add(paramName);
            types.add(JsonCodec.MAPPER.constructType(parameter.getParameterizedType()));
        }
        Map<String, Object> inputSchema = new LinkedHashMap<>();
        inputSchema.put("type", "object");
        inputSchema.put("properties", properties);
        if (!required.isEmpty()) {
            inputSchema.put("required", required);
        }
        if (annotation.acceptsIdempotencyKey() && !takesCall) {
            throw AiOsException.permanent("tool method " + where + " declares acceptsIdempotencyKey but cannot "
                    + "receive the key: add a parameter of type ToolCall and read its idempotencyKey()");
        }
        ToolRisk risk = new ToolRisk(annotation.level(), annotation.openWorld(),
                annotation.idempotent() || annotation.level() == ToolRisk.Level.READ_ONLY,
                annotation.acceptsIdempotencyKey());
        ToolDescriptor descriptor = new ToolDescriptor(name, annotation.value(), JsonCodec.write(inputSchema), risk);
        method.setAccessible(true);
        return InProcessTool.of(descriptor, ToolHandler.ofCall(call -> invoke(target, method, names, types, call)));
    }

    /** @param names the argument name of each parameter; null for the {@link ToolCall} parameter */
    private static ToolResult invoke(Object target, Method method, List<String> names, List<JavaType> types,
            ToolCall call) throws Exception {
        Map<String, Object> arguments = call.arguments();
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            if (names.get(i) == null) {
                values[i] = call;
                continue;
            }
            Object raw = arguments.get(names.get(i));
            try {
                values[i] = raw == null && types.get(i).isPrimitive()
                        ? JsonCodec.MAPPER.convertValue(0, types.get(i))
                        : JsonCodec.MAPPER.convertValue(raw, types.get(i));
            } catch (IllegalArgumentException e) {
                return ToolResult.failure("argument '" + names.get(i) + "' cannot be read as "
                        + types.get(i).getRawClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        Object result;
        try {
            result = method.invoke(target, values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
        if (result instanceof ToolResult toolResult) {
            return toolResult;
        }
        if (result == null) {
            return ToolResult.success(method.getReturnType() == void.class ? "done" : "null");
        }
        return ToolResult.success(result instanceof CharSequence text ? text.toString() : JsonCodec.write(result));
    }

    /** @return the JSON Schema of a Java type: scalars, enums, arrays, collections, maps, records */
    static Map<String, Object> schemaOf(Type type, String where) {
        Map<String, Object> schema = new LinkedHashMap<>();
        Class<?> raw = rawClass(type);
        if (raw == String.class || raw == char.class || raw == Character.class
                || CharSequence.class.isAssignableFrom(raw)) {
            schema.put("type", "string");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class
                || raw == Integer.class || raw == Long.class || raw == Short.class || raw == Byte.class
                || raw == java.math.BigInteger.class) {
            schema.put("type", "integer");
        } else if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw)) {
            schema.put("type", "number");
        } else if (raw.isEnum()) {
            schema.put("type", "string");
            schema.put("enum", Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        } else if (raw.isArray()) {
            schema.put("type", "array");
            schema.put("items", schemaOf(raw.getComponentType(), where));
        } else if (Collection.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            if (type instanceof ParameterizedType p) {
                schema.put("items", schemaOf(p.getActualTypeArguments()[0], where));
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            schema.put("type", "object");
            if (type instanceof ParameterizedType p) {
                schema.put("additionalProperties", schemaOf(p.getActualTypeArguments()[1], where));
            }
        } else if (raw.isRecord()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                properties.put(component.getName(), schemaOf(component.getGenericType(), where));
                required.add(component.getName());
            }
            schema.put("type", "object");
            schema.put("properties", properties);
            schema.put("required", required);
        } else if (raw == Object.class) {
            return schema;
        } else {
            throw AiOsException.permanent("tool method " + where + " takes a " + raw.getName()
                    + ", which has no JSON Schema here; use strings, numbers, booleans, enums, lists, maps or records");
        }
        return schema;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
