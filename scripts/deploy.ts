/**
 * Deploys MedLedger's contracts to the chain at RPC_URL and writes DEPLOYMENTS_FILE, the one
 * place the API reads addresses from.
 *
 *   RPC_URL=https://... DEPLOYER_PRIVATE_KEY=0x... RELAYER_ADDRESS=0x... ETHICS_QUORUM=2 DEPLOYMENTS_FILE=deployments/mychain.json npm run deploy
 *
 * ETHICS_QUORUM is m in "m of n ethics-board members decide" (default 2; the admin can change it
 * later with StudyRegistry.setQuorum).
 *
 * On a local development chain (chain id 31337) the deployer defaults to demo account 0 and
 * the demo accounts get their roles. Any other chain needs verifiers from the trusted-setup
 * ceremony (scripts/ceremony.ts): the committed development ones are refused.
 */
import path from "node:path";

import { unsafeVerifiers } from "./lib/circuits.ts";
import { connectRpc, demoWallet, deployAndWrite, deployerFromKey, root, seedDemoRoles } from "./lib/contracts.ts";
import { exitOnError, logger, UserFacingError } from "./lib/log.ts";

const log = logger("deploy");

async function main(): Promise<void> {
  const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
  const file = path.resolve(root, process.env.DEPLOYMENTS_FILE ?? path.join(process.env.DATA_DIR ?? ".data", "deployments.json"));
  const provider = await connectRpc(rpcUrl);
  const { chainId } = await provider.getNetwork();
  const isDevChain = chainId === 31337n;
  const key = process.env.DEPLOYER_PRIVATE_KEY;
  if (!key && !isDevChain) {
    throw new UserFacingError(`Chain ${chainId} is not a development chain: set DEPLOYER_PRIVATE_KEY to the deploying account's key.`);
  }
  // Development keys come from a public beacon: their verifiers accept forged proofs. Only the local chain may have them.
  const unsafe = await unsafeVerifiers();
  if (unsafe.length && !isDevChain) {
    provider.destroy();
    throw new UserFacingError(
      `Refusing to deploy to chain ${chainId}: the verifiers of ${unsafe.join(", ")} would accept forged proofs. Run the trusted-setup ceremony (npm run ceremony; README, "A real ceremony for production"), rebuild and deploy again.`,
    );
  }
  const deployer = key ? deployerFromKey(key, provider) : demoWallet(0, provider);
  log(`deploying to chain ${chainId} at ${rpcUrl} from ${deployer.address}`);
  // The API's relayer (RELAYER_PRIVATE_KEY's address) may differ from the deployer on real networks.
  const relayer = process.env.RELAYER_ADDRESS || undefined;
  const quorum = process.env.ETHICS_QUORUM ? Number(process.env.ETHICS_QUORUM) : undefined;
  if (quorum !== undefined && !(Number.isInteger(quorum) && quorum >= 1 && quorum <= 65535)) {
    throw new UserFacingError(`ETHICS_QUORUM=${process.env.ETHICS_QUORUM} is not a whole number of votes between 1 and 65535.`);
  }
  const deployment = await deployAndWrite(deployer, file, log, relayer, quorum);
  if (isDevChain && !key) await seedDemoRoles(deployment, deployer, log);
  provider.destroy();
}

main().catch(exitOnError);
