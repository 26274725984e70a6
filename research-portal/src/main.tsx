import "@mantine/core/styles.css";

import { createTheme, MantineProvider } from "@mantine/core";
import { createRoot } from "react-dom/client";

import { Api, loadConfig } from "./api";
import { App } from "./App";
import "./styles.css";

// Filled buttons and badges in the darkest shade: white text on them meets WCAG AA contrast.
const theme = createTheme({ primaryShade: 9 });
const config = await loadConfig();
createRoot(document.getElementById("root")!).render(
  <MantineProvider theme={theme}>
    <App api={new Api(config.graphqlUrl)} chain={config.chain} />
  </MantineProvider>,
);
