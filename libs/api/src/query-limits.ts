import {
  GraphQLError,
  Kind,
  getNamedType,
  isInterfaceType,
  isObjectType,
  typeFromAST,
} from 'graphql';
import type {
  FieldNode,
  GraphQLField,
  GraphQLNamedType,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import { ErrorCode, LIMITS } from '@magpie/contracts';

export interface QueryLimits {
  /** Deepest accepted field nesting; a root field is depth 1. */
  maxDepth: number;
  /** Largest accepted cost (see `measureOperation`). */
  maxComplexity: number;
}

export interface QueryMeasure {
  depth: number;
  cost: number;
}

/** Page size a field's sub-selection is multiplied by: its `first` argument, clamped to 1..LIMITS.maxFirst. */
function pageMultiplier(field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, operation: OperationDefinitionNode): number {
  const clamp = (n: number) => Math.min(LIMITS.maxFirst, Math.max(1, Math.trunc(n)));
  const argument = field.arguments?.find((a) => a.name.value === 'first');
  const declaredDefault = definition?.args.find((a) => a.name === 'first')?.defaultValue;
  const fallback = typeof declaredDefault === 'number' ? clamp(declaredDefault) : 1;
  if (!argument || argument.value.kind === Kind.NULL) return fallback;
  if (argument.value.kind === Kind.INT) return clamp(Number(argument.value.value));
  if (argument.value.kind === Kind.VARIABLE) {
    // Validation runs before variables are known: use the variable's default, else the worst case.
    const name = argument.value.name.value;
    const variable = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
    return variable?.defaultValue?.kind === Kind.INT ? clamp(Number(variable.defaultValue.value)) : LIMITS.maxFirst;
  }
  return fallback;
}

/**
 * Depth and cost of an operation, following fragments.
 * cost(field) = 1 + first(field) × Σ cost(sub-fields)   (first = 1 for fields without a page size)
 * depth(field) = 1 + max depth(sub-fields). Introspection fields (`__schema`, `__type`, `__typename`)
 * are skipped: graphql-js's MaxIntrospectionDepthRule bounds those.
 */
export function measureOperation(context: ValidationContext, operation: OperationDefinitionNode): QueryMeasure {
  const schema = context.getSchema();
  const fragmentMeasures = new Map<string, QueryMeasure>();
  const inProgress = new Set<string>();

  const measure = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): QueryMeasure => {
    let depth = 0;
    let cost = 0;
    const add = (m: QueryMeasure) => {
      depth = Math.max(depth, m.depth);
      cost += m.cost;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const definition =
          parentType && (isObjectType(parentType) || isInterfaceType(parentType))
            ? parentType.getFields()[selection.name.value]
            : undefined;
        const child = selection.selectionSet
          ? measure(selection.selectionSet, definition ? getNamedType(definition.type) : undefined)
          : { depth: 0, cost: 0 };
        add({ depth: 1 + child.depth, cost: 1 + pageMultiplier(selection, definition, operation) * child.cost });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parentType;
        add(measure(selection.selectionSet, type ?? undefined));
      } else {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        // Unknown or cyclic fragments are reported by graphql-js's own rules.
        if (!fragment || inProgress.has(name)) continue;
        let known = fragmentMeasures.get(name);
        if (!known) {
          inProgress.add(name);
          known = measure(fragment.selectionSet, typeFromAST(schema, fragment.typeCondition) ?? undefined);
          inProgress.delete(name);
          fragmentMeasures.set(name, known);
        }
        add(known);
      }
    }
    return { depth, cost };
  };

  return measure(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

/** Validation rule rejecting operations deeper than `maxDepth` or costlier than `maxComplexity` (code QUERY_TOO_COMPLEX). */
export function queryLimitsRule(limits: QueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const { depth, cost } = measureOperation(context, operation);
      const report = (message: string) =>
        context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } }));
      if (depth > limits.maxDepth) report(`Query depth ${depth} exceeds the limit of ${limits.maxDepth}`);
      if (cost > limits.maxComplexity) {
        report(`Query cost ${cost} exceeds the limit of ${limits.maxComplexity} (cost = fields × page sizes)`);
      }
    },
  });
}
