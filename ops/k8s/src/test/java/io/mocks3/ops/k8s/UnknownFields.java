package io.mocks3.ops.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields fabric8's model did not recognize. Its classes keep what they do not know in {@code additionalProperties}
 * instead of failing, so a misspelled {@code readinesProbe} would parse: this walks the parsed object and names every
 * such field with its path.
 */
final class UnknownFields {
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  static List<String> of(Object model) {
    List<String> unknown = new ArrayList<>();
    walk(model, "", unknown);
    return unknown;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown);
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown));
    } else if (value != null && value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
      // A custom resource's body is all "additional": only its metadata is modelled.
      if (!(value instanceof GenericKubernetesResource)) {
        additional(value).keySet().forEach(key -> unknown.add(path + "." + key));
      }
      properties(value, path, unknown);
    }
  }

  private static void properties(Object model, String path, List<String> unknown) {
    for (Class<?> type = model.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        JsonProperty property = field.getAnnotation(JsonProperty.class);
        if (property != null) {
          walk(read(field, model), path + "." + property.value(), unknown);
        }
      }
    }
  }

  private static Object read(Field field, Object model) {
    try {
      field.setAccessible(true);
      return field.get(model);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  private static Map<?, ?> additional(Object model) {
    try {
      Method getter = model.getClass().getMethod("getAdditionalProperties");
      Object properties = getter.invoke(model);
      return properties instanceof Map<?, ?> map ? map : Map.of();
    } catch (NoSuchMethodException e) {
      return Map.of();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the additional properties of " + model.getClass(), e);
    }
  }
}
