package io.nagare.api.typeinfo;

import io.nagare.api.tuple.Tuple;
import java.util.Arrays;
import java.util.List;

/** A {@code TupleN} with the type of each field. */
public final class TupleTypeInfo<T extends Tuple> extends TypeInformation<T> {
  private final Class<T> tupleClass;
  private final TypeInformation<?>[] fieldTypes;

  @SuppressWarnings("unchecked")
  public TupleTypeInfo(TypeInformation<?>... fieldTypes) {
    this((Class<T>) Tuple.getTupleClass(fieldTypes.length), fieldTypes);
  }

  public TupleTypeInfo(Class<T> tupleClass, TypeInformation<?>... fieldTypes) {
    this.tupleClass = tupleClass;
    this.fieldTypes = fieldTypes.clone();
  }

  @Override
  public Class<T> getTypeClass() {
    return tupleClass;
  }

  public int getArity() {
    return fieldTypes.length;
  }

  public TypeInformation<?> getFieldType(int pos) {
    return fieldTypes[pos];
  }

  public List<TypeInformation<?>> getFieldTypes() {
    return List.of(fieldTypes);
  }

  @Override
  public boolean isGeneric() {
    for (TypeInformation<?> t : fieldTypes) {
      if (t.isGeneric()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TupleTypeInfo && ((TupleTypeInfo<?>) o).tupleClass == tupleClass
        && Arrays.equals(((TupleTypeInfo<?>) o).fieldTypes, fieldTypes);
  }

  @Override
  public int hashCode() {
    return 31 * tupleClass.hashCode() + Arrays.hashCode(fieldTypes);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(tupleClass.getSimpleName()).append('<');
    for (int i = 0; i < fieldTypes.length; i++) {
      b.append(i == 0 ? "" : ", ").append(fieldTypes[i]);
    }
    return b.append('>').toString();
  }
}
