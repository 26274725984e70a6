import "@mantine/core/styles.css";

import { MantineProvider } from "@mantine/core";
import { createRoot } from "react-dom/client";

import { Api, loadConfig } from "./api";
import { App } from "./App";
import "./styles.css";

const config = await loadConfig();
createRoot(document.getElementById("root")!).render(
  <MantineProvider>
    <App api={new Api(config.graphqlUrl)} chain={config.chain} />
  </MantineProvider>,
);
