// metadata.managedFields as a real API server records them: every object a cluster returns
// carries them, and they are what the YAML view hides unless asked (`m`).
import type { KubeObject, ObjectMeta } from '../model/kube.js';

export /** The shape of a managedFields `fieldsV1` entry for an object, as server-side apply records it. */
function fieldsV1(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const it = item as Record<string, unknown>;
        const key = 'containerPort' in it ? `k:{"containerPort":${it.containerPort},"protocol":"${it.protocol}"}` : 'name' in it ? `k:{"name":"${it.name}"}` : `k:{"type":"${it.type ?? ''}"}`;
        out[key] = { '.': {}, ...fieldsV1(item) };
      }
    }
    return out;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[`f:${k}`] = v && typeof v === 'object' && Object.keys(v).length ? (Array.isArray(v) ? fieldsV1(v) : { '.': {}, ...fieldsV1(v) }) : {};
    }
  }
  return out;
}

type ManagedFieldsEntry = NonNullable<ObjectMeta['managedFields']>[number];

/** The entries a controller-made, kubelet-updated object carries: spec from its manager, status from the kubelet. */
export function managedFields(obj: KubeObject, time: string, manager: string): ManagedFieldsEntry[] {
  const meta = obj.metadata ?? {};
  const apiVersion = obj.apiVersion ?? 'v1';
  const metaFields: Record<string, unknown> = {};
  if (meta.labels) metaFields['f:labels'] = { '.': {}, ...fieldsV1(meta.labels) };
  if (meta.annotations) metaFields['f:annotations'] = { '.': {}, ...fieldsV1(meta.annotations) };
  if (meta.ownerReferences?.length) metaFields['f:ownerReferences'] = { '.': {}, ...fieldsV1(meta.ownerReferences) };
  const entries: ManagedFieldsEntry[] = [
    { manager, operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': metaFields, 'f:spec': fieldsV1(obj.spec) } },
  ];
  if (obj.status && typeof obj.status === 'object') {
    entries.push({ manager: 'kubelet', operation: 'Update', apiVersion, time, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': fieldsV1(obj.status) }, subresource: 'status' });
  }
  return entries;
}
