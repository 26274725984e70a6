/**
 * Add or amend a clinical record (Observation or Condition) with field-level messages. The
 * fields become a FHIR R4 resource (record-forms.ts); the API validates it again and its refusal
 * is shown under the form. Amending keeps every element of the resource the form does not show.
 */
import { Alert, Button, Group, NumberInput, Paper, Select, Stack, TextInput, Textarea, Title } from "@mantine/core";
import { useId, useState } from "react";

import { FormProblems } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import {
  CLINICAL_STATUSES,
  CODE_SYSTEMS,
  emptyFields,
  FORM_KINDS,
  toResource,
  validateFields,
  type FieldErrors,
  type FormKind,
  type RecordFields,
} from "./record-forms";

const CREATE_RECORD = graphql(`
  mutation CreateRecord($patientId: ID!, $resource: JSONObject!) {
    createRecord(patientId: $patientId, resource: $resource) {
      id
      version
    }
  }
`);

const AMEND_RECORD = graphql(`
  mutation AmendRecord($id: ID!, $resource: JSONObject!, $reason: String) {
    amendRecord(id: $id, resource: $resource, reason: $reason) {
      id
      version
    }
  }
`);

type Target =
  { kind: "create"; patientId: string } | { kind: "amend"; recordId: string; base: Record<string, unknown>; fields: RecordFields };

export function RecordForm({ api, target, onSaved }: { api: Api; target: Target; onSaved: (recordId: string, version: number) => void }) {
  const headingId = useId();
  const amending = target.kind === "amend";
  const [fields, setFields] = useState<RecordFields>(amending ? target.fields : emptyFields());
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors & { reason?: string }>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<RecordFields>) => setFields((f) => ({ ...f, ...patch }));

  const submit = async () => {
    setRefusal(null);
    setSaved(null);
    const found: FieldErrors & { reason?: string } = validateFields(fields);
    if (amending && reason.trim().length < 3) found.reason = "Say why you amend it (the patient and later readers see this).";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      if (target.kind === "create") {
        const { createRecord } = await api.run(CREATE_RECORD, { patientId: target.patientId, resource: toResource(fields) });
        setSaved(`Added as version ${createRecord.version}.`);
        setFields(emptyFields(fields.kind));
        onSaved(createRecord.id, createRecord.version);
      } else {
        const { amendRecord } = await api.run(AMEND_RECORD, {
          id: target.recordId,
          resource: toResource(fields, target.base),
          reason: reason.trim(),
        });
        setSaved(`Saved as version ${amendRecord.version}; the earlier versions stay in the history.`);
        setReason("");
        onSaved(amendRecord.id, amendRecord.version);
      }
    } catch (e) {
      setRefusal((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const system = CODE_SYSTEMS[fields.kind].name;
  return (
    <Paper withBorder p="md" component="form" aria-labelledby={headingId} noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Title order={3} id={headingId}>
        {amending ? "Amend this record" : "Add a record"}
      </Title>
      <Stack gap="xs">
        {!amending && (
          <Select
            label="Kind of record"
            data={FORM_KINDS}
            value={fields.kind}
            onChange={(v) => v && set({ kind: v as FormKind })}
            allowDeselect={false}
          />
        )}
        <Group grow align="start">
          <TextInput
            label={`${system} code`}
            value={fields.code}
            onChange={(e) => set({ code: e.currentTarget.value })}
            error={errors.code}
            required
          />
          <TextInput
            label="What it is"
            value={fields.display}
            onChange={(e) => set({ display: e.currentTarget.value })}
            error={errors.display}
            required
          />
        </Group>
        <Group grow align="start">
          <TextInput
            type="date"
            label={fields.kind === "Observation" ? "Date observed" : "Onset date"}
            value={fields.date}
            onChange={(e) => set({ date: e.currentTarget.value })}
            error={errors.date}
            required
          />
          {fields.kind === "Observation" ? (
            <>
              <NumberInput
                label="Value"
                value={fields.value}
                onChange={(v) => set({ value: String(v) })}
                error={errors.value}
                decimalScale={4}
                required
              />
              <TextInput
                label="Unit"
                value={fields.unit}
                onChange={(e) => set({ unit: e.currentTarget.value })}
                error={errors.unit}
                required
              />
            </>
          ) : (
            <Select
              label="Clinical status"
              data={CLINICAL_STATUSES}
              value={fields.clinicalStatus}
              onChange={(v) => v && set({ clinicalStatus: v })}
              error={errors.clinicalStatus}
              allowDeselect={false}
            />
          )}
        </Group>
        {amending && (
          <Textarea
            label="Reason for the amendment"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            required
          />
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {amending ? "Save the amendment" : "Add the record"}
          </Button>
        </Group>
        <FormProblems
          invalid={Object.keys(errors).length > 0}
          unsent="nothing was saved"
          refusal={refusal}
          refusalTitle="The API refused the record"
        />
        {saved && (
          <Alert color="teal" role="status">
            {saved}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
