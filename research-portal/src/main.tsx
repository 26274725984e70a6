import "@mantine/core/styles.css";

import { createTheme, MantineProvider, type CSSVariablesResolver } from "@mantine/core";
import { createRoot } from "react-dom/client";

import { Api, loadConfig } from "./api";
import { App } from "./App";
import "./styles.css";

// Filled buttons and badges in the darkest shade: white text on them meets WCAG AA contrast.
const theme = createTheme({ primaryShade: 9 });
// Descriptions and other dimmed text one shade darker than Mantine's default: 4.5:1 on white (WCAG AA).
const variables: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)" },
  dark: {},
});
const config = await loadConfig();
createRoot(document.getElementById("root")!).render(
  <MantineProvider theme={theme} cssVariablesResolver={variables}>
    <App api={new Api(config.graphqlUrl)} chain={config.chain} />
  </MantineProvider>,
);
