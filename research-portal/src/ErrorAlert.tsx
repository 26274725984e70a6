import { Alert } from "@mantine/core";

/** What went wrong, announced to screen readers (role="alert"); nothing when there is no message. */
export function ErrorAlert({ message, title, mt }: { message: string | null | undefined; title?: string; mt?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" title={title} mt={mt}>
      {message}
    </Alert>
  );
}

/** A form's two ways of saying no: fields marked before sending, or the API's refusal after. */
export function FormProblems({
  invalid,
  unsent,
  refusal,
  refusalTitle,
}: {
  invalid: boolean;
  unsent: string;
  refusal: string | null;
  refusalTitle: string;
}) {
  return (
    <>
      {invalid && <ErrorAlert message={`Correct the marked fields: ${unsent}.`} />}
      <ErrorAlert message={refusal} title={refusalTitle} />
    </>
  );
}
