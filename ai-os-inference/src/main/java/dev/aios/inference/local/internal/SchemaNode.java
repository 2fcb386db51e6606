package dev.aios.inference.local.internal;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One compiled JSON Schema, as the {@link JsonGrammar} walks it: the JSON types allowed, or a
 * fixed set of literal texts (enum, const), or alternatives (anyOf), and the constraints of each
 * type. Built by {@link JsonSchemaCompiler}; not changed after compilation.
 */
final class SchemaNode {
    static final int OBJECT = 1;
    static final int ARRAY = 2;
    static final int STRING = 4;
    static final int NUMBER = 8;
    static final int INTEGER = 16;
    static final int BOOLEAN = 32;
    static final int NULL = 64;
    static final int ANY = OBJECT | ARRAY | STRING | NUMBER | BOOLEAN | NULL;

    /** The allowed types, a mask of the constants above; ignored when literals or anyOf is set. */
    int types;
    /** The only texts allowed (compact JSON, UTF-8), or null. */
    byte @Nullable [][] literals;
    /** Alternatives, or null. */
    @Nullable List<SchemaNode> anyOf;
    /** Another node this one stands for ($ref), or null; resolved after compilation. */
    @Nullable SchemaNode ref;
    @Nullable String refName;

    /** Declared properties, in order (at most 64), with their quoted names as UTF-8. */
    String[] propertyNames = new String[0];
    byte[][] quotedNames = new byte[0][];
    SchemaNode[] propertySchemas = new SchemaNode[0];
    Map<String, Integer> propertyIndex = Map.of();
    /** Bits of the required declared properties. */
    long required;
    /** The schema of undeclared properties, or null when they are not allowed. */
    @Nullable SchemaNode additional;

    @Nullable SchemaNode items;
    int minItems;
    int maxItems = Integer.MAX_VALUE;

    int minLength;
    int maxLength = JsonGrammar.DEFAULT_MAX_STRING;

    /** The fewest bytes a value of this schema takes; computed by {@link JsonSchemaCompiler}. */
    int minBytes = Integer.MAX_VALUE / 4;

    SchemaNode resolved() {
        SchemaNode n = this;
        for (int hops = 0; n.ref != null && hops < 64; hops++) {
            n = n.ref;
        }
        return n;
    }

    /** @return whether an object of this schema may take one more property, given those in {@code used} */
    boolean hasFreeKey(long used) {
        return additional != null || (used | ~allDeclared()) != -1L;
    }

    long allDeclared() {
        return propertyNames.length == 64 ? -1L : (1L << propertyNames.length) - 1;
    }
}
