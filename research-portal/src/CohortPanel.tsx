/**
 * A researcher sizing their cohort: choose a breakdown and, for a study with a privacy budget,
 * the ε to spend. The budget meter shows what the query will cost before it runs (cohortQuote:
 * nothing for a repeat); the answer is drawn as a bar chart with the table beside it, labelled
 * by the breakdown the answer was computed for (not by the boxes ticked since).
 */
import { Button, Checkbox, Group, NumberInput, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useId, useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { ScrollRegion } from "./ScrollRegion";
import { ErrorAlert } from "./ErrorAlert";
import type { Api } from "./api";
import { graphql } from "./gql";
import type { CohortCountQuery, CohortDimension, CohortQuoteQuery } from "./gql/graphql";

const COHORT_QUOTE = graphql(`
  query CohortQuote($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {
    cohortQuote(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {
      cost
      cached
      budget
      spent
      remaining
      fits
    }
  }
`);

const COHORT_COUNT = graphql(`
  query CohortCount($studyId: String!, $breakdown: [CohortDimension!]!, $epsilon: Float) {
    cohortCount(studyId: $studyId, breakdown: $breakdown, epsilon: $epsilon) {
      k
      breakdown
      total {
        value
        display
      }
      cells {
        ageBand
        sex
        region
        count {
          value
          display
          suppressed
        }
      }
      suppressedCells
      cached
      privacy {
        epsilon
        spent
        remaining
        budget
      }
    }
  }
`);

type Answer = CohortCountQuery["cohortCount"];
type Quote = CohortQuoteQuery["cohortQuote"];

const DIMENSIONS: { value: CohortDimension; label: string; field: "ageBand" | "sex" | "region" }[] = [
  { value: "AGE_BAND", label: "Age band", field: "ageBand" },
  { value: "SEX", label: "Sex", field: "sex" },
  { value: "REGION", label: "Region (ZIP3)", field: "region" },
];
const SERIES_COLORS = ["teal", "indigo", "grape", "orange"].map((c) => `var(--mantine-color-${c}-9)`);
const fmt = (x: number) => String(Math.round(x * 1000) / 1000);

/**
 * About 95 % of two-sided geometric noise at ε falls within ±1.96 standard deviations
 * (σ² = 2α / (1 − α)², α = e^−ε). A table of several cells spends half of ε on its total
 * (cohort.ts, noisyTable), which the blend with the cells' sum only tightens: an upper bound.
 */
function noiseBound(epsilon: number, cells: number): number {
  const alpha = Math.exp(-(cells > 1 ? epsilon / 2 : epsilon));
  return Math.round((1.96 * Math.sqrt(2 * alpha)) / (1 - alpha));
}

export function CohortPanel({ api, study }: { api: Api; study: { studyId: string; title: string; dpBudget: number | null } }) {
  const headingId = useId();
  const [breakdown, setBreakdown] = useState<CohortDimension[]>(["SEX"]);
  const [epsilon, setEpsilon] = useState<number>(Math.min(0.1, study.dpBudget ?? 0.1));
  const [quote, setQuote] = useState<Quote | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noisy = study.dpBudget !== null;
  const ordered = DIMENSIONS.filter((d) => breakdown.includes(d.value)).map((d) => d.value);
  const validEpsilon = !noisy || (epsilon > 0 && epsilon <= (study.dpBudget ?? 0));

  // The price of the query as it stands, asked again whenever it changes (and after each answer).
  const key = `${ordered.join(",")}|${epsilon}`;
  useEffect(() => {
    if (!validEpsilon) return setQuote(null);
    let current = true;
    api
      .run(COHORT_QUOTE, { studyId: study.studyId, breakdown: ordered, epsilon: noisy ? epsilon : null })
      .then((d) => current && setQuote(d.cohortQuote))
      .catch((e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
    // `key` stands for the breakdown and epsilon (the array itself is new on every render).
  }, [api, study.studyId, key, answer]);

  const run = async () => {
    setError(null);
    setBusy(true);
    try {
      const { cohortCount } = await api.run(COHORT_COUNT, { studyId: study.studyId, breakdown: ordered, epsilon: noisy ? epsilon : null });
      setAnswer(cohortCount);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={4} id={headingId}>
        Cohort size
      </Title>
      <Stack gap="sm">
        <Checkbox.Group label="Break down by" value={breakdown} onChange={(v) => setBreakdown(v as CohortDimension[])}>
          <Group mt={4}>
            {DIMENSIONS.map((d) => (
              <Checkbox key={d.value} value={d.value} label={d.label} />
            ))}
          </Group>
        </Checkbox.Group>
        {noisy && (
          <NumberInput
            label="ε to spend on this query (more ε: less noise, less budget left)"
            value={epsilon}
            onChange={(v) => setEpsilon(Number(v))}
            min={0.01}
            max={study.dpBudget ?? undefined}
            step={0.05}
            decimalScale={3}
            error={validEpsilon ? undefined : `Between 0 and the study's budget, ${study.dpBudget}.`}
            maw={420}
          />
        )}
        {noisy && quote && quote.budget !== null && <BudgetMeter quote={quote} />}
        <Group>
          <Button onClick={() => void run()} loading={busy} disabled={!validEpsilon || (quote !== null && !quote.fits)}>
            Count
          </Button>
          {!noisy && <Text size="sm">No privacy budget on this study: exact counts, small cells hidden.</Text>}
        </Group>
        <ErrorAlert message={error} />
        {answer && <CohortAnswerView answer={answer} title={study.title} />}
      </Stack>
    </Paper>
  );
}

function BudgetMeter({ quote }: { quote: Quote }) {
  const budget = quote.budget ?? 1;
  const spentPct = (quote.spent / budget) * 100;
  const costPct = (quote.cost / budget) * 100;
  const after = quote.spent + quote.cost;
  return (
    <div>
      <Progress.Root size="lg" aria-hidden>
        <Progress.Section value={spentPct} color="indigo.9" />
        <Progress.Section value={Math.min(costPct, 100 - spentPct)} color={quote.fits ? "teal.9" : "red.9"} striped />
      </Progress.Root>
      <Text size="sm" mt={4} aria-live="polite" data-testid="budget-meter">
        Privacy budget: {fmt(quote.spent)} of ε {fmt(budget)} spent.{" "}
        {quote.cached
          ? "This exact query was answered before: its stored answer comes back, free."
          : quote.fits
            ? `This query costs ε ${fmt(quote.cost)}; after it, ${fmt(after)} spent and ${fmt(Math.max(0, budget - after))} left.`
            : `This query needs ε ${fmt(quote.cost)} but only ${fmt(quote.remaining ?? 0)} is left: spend less, or repeat an earlier query.`}
      </Text>
    </div>
  );
}

/** The answer as a bar chart (x: every dimension but sex; bars: one per sex when sex is in the breakdown) and as a table. */
function CohortAnswerView({ answer, title }: { answer: Answer; title: string }) {
  const dims = DIMENSIONS.filter((d) => answer.breakdown.includes(d.value));
  const bySex = dims.some((d) => d.value === "SEX");
  const xDims = dims.filter((d) => d.value !== "SEX");
  const chart = useMemo(() => {
    const rows = new Map<string, Record<string, string | number>>();
    const series = new Set<string>();
    for (const cell of answer.cells) {
      const x = xDims.map((d) => cell[d.field] ?? "").join(" · ") || "all";
      const s = bySex ? (cell.sex ?? "unknown") : "count";
      series.add(s);
      const row = rows.get(x) ?? { group: x };
      row[s] = cell.count.value ?? 0;
      rows.set(x, row);
    }
    return { data: [...rows.values()], series: [...series].map((name, i) => ({ name, color: SERIES_COLORS[i % SERIES_COLORS.length] })) };
  }, [answer, bySex, xDims]);

  const caption = `${title}: ${dims.length ? `cohort by ${dims.map((d) => d.label.toLowerCase()).join(" and ")}` : "cohort total"}`;
  return (
    <Stack gap="xs">
      <Text>
        Total: <strong data-testid="cohort-total">{answer.total.display}</strong>. {answer.suppressedCells} cell(s) hidden (counts below{" "}
        {answer.k} show as "&lt; {answer.k}" and are drawn as 0).
        {answer.privacy &&
          ` Noisy at ε ${answer.privacy.epsilon}: the total is within about ±${noiseBound(answer.privacy.epsilon, answer.cells.length)} of the true count 95 % of the time; the cells add up to it. Budget used ${fmt(answer.privacy.spent)} of ${answer.privacy.budget}${answer.cached ? " (repeated query: same answer, no cost)" : ""}.`}
      </Text>
      {answer.cells.length > 1 && (
        <figure className="cohort-chart" aria-label={caption}>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={chart.data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis
                dataKey="group"
                interval={0}
                angle={chart.data.length > 6 ? -35 : 0}
                textAnchor={chart.data.length > 6 ? "end" : "middle"}
                height={chart.data.length > 6 ? 70 : 30}
                fontSize={12}
              />
              <YAxis allowDecimals={false} width={40} fontSize={12} />
              <Tooltip />
              {bySex && <Legend />}
              {chart.series.map((s) => (
                <Bar key={s.name} dataKey={s.name} fill={s.color} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
          <figcaption>{caption} (bar chart; the same numbers are in the table below).</figcaption>
        </figure>
      )}
      {answer.cells.length > 0 && (
        <ScrollRegion label="Cohort breakdown">
          <Table aria-label="Cohort breakdown" striped>
            <Table.Thead>
              <Table.Tr>
                {dims.map((d) => (
                  <Table.Th key={d.value}>{d.label}</Table.Th>
                ))}
                <Table.Th>Count</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {answer.cells.map((c, i) => (
                <Table.Tr key={i} className={c.count.suppressed ? "suppressed" : ""}>
                  {dims.map((d) => (
                    <Table.Td key={d.value}>{c[d.field]}</Table.Td>
                  ))}
                  <Table.Td>{c.count.display}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </Stack>
  );
}
