/**
 * Who signs: a browser wallet (EIP-1193, e.g. MetaMask) or, on the development chain only, one
 * of the demo accounts derived in the browser from Hardhat's public test mnemonic.
 */
import { BrowserProvider, HDNodeWallet, type TypedDataDomain, type TypedDataField } from "ethers";

import demo from "../../contracts/deploy/demo-accounts.json";

export interface PortalSigner {
  address: string;
  label: string;
  signMessage(message: string): Promise<string>;
  signTypedData(domain: TypedDataDomain, types: Record<string, TypedDataField[]>, message: Record<string, unknown>): Promise<string>;
}

export const DEMO_ACCOUNTS = demo.accounts;

export function demoSigner(index: number): PortalSigner {
  const wallet = HDNodeWallet.fromPhrase(demo.mnemonic, undefined, `m/44'/60'/0'/0/${index}`);
  const account = demo.accounts.find((a) => a.index === index);
  return {
    address: wallet.address,
    label: account?.label ?? `demo account ${index}`,
    signMessage: (message) => wallet.signMessage(message),
    signTypedData: (domain, types, message) => wallet.signTypedData(domain, types, message),
  };
}

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

export async function browserWalletSigner(): Promise<PortalSigner> {
  const ethereum = (window as unknown as { ethereum?: Eip1193 }).ethereum;
  if (!ethereum) throw new Error("No browser wallet found: install one (e.g. MetaMask), or use a demo account on the development chain.");
  const provider = new BrowserProvider(ethereum);
  const signer = await provider.getSigner();
  return {
    address: await signer.getAddress(),
    label: "browser wallet",
    signMessage: (message) => signer.signMessage(message),
    signTypedData: (domain, types, message) => signer.signTypedData(domain, types, message),
  };
}
