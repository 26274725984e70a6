/**
 * Who signs: a browser wallet (EIP-1193, e.g. MetaMask) or, on the development chain only, one
 * of the demo accounts derived in the browser from Hardhat's public test mnemonic.
 */
import { BrowserProvider, HDNodeWallet, type TypedDataField } from "ethers";

import demo from "../../contracts/deploy/demo-accounts.json";

/** EIP-712 typed data as the API prepares it: the eth_signTypedData_v4 payload, EIP712Domain included. */
export interface TypedDataPayload {
  domain: Record<string, unknown>;
  types: Record<string, TypedDataField[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

export interface PortalSigner {
  address: string;
  label: string;
  signMessage(message: string): Promise<string>;
  signTypedData(payload: TypedDataPayload): Promise<string>;
}

/** ethers derives EIP712Domain from the domain and refuses it in `types`. */
function withoutDomainType(types: Record<string, TypedDataField[]>): Record<string, TypedDataField[]> {
  const { EIP712Domain: _domainType, ...rest } = types;
  return rest;
}

export const DEMO_ACCOUNTS = demo.accounts;

export function demoSigner(index: number): PortalSigner {
  const wallet = HDNodeWallet.fromPhrase(demo.mnemonic, undefined, `m/44'/60'/0'/0/${index}`);
  const account = demo.accounts.find((a) => a.index === index);
  return {
    address: wallet.address,
    label: account?.label ?? `demo account ${index}`,
    signMessage: (message) => wallet.signMessage(message),
    signTypedData: (p) => wallet.signTypedData(p.domain, withoutDomainType(p.types), p.message),
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
  const address = await signer.getAddress();
  return {
    address,
    label: "browser wallet",
    signMessage: (message) => signer.signMessage(message),
    // The wallet gets the API's payload as it is (eth_signTypedData_v4), and shows the user exactly that.
    signTypedData: async (p) => String(await ethereum.request({ method: "eth_signTypedData_v4", params: [address, JSON.stringify(p)] })),
  };
}

/**
 * The browser wallet's signer after a reload: it asks the wallet again only when something needs
 * signing, and refuses if the wallet now holds another account than the one signed in.
 */
export function reconnectingWalletSigner(address: string): PortalSigner {
  let connected: Promise<PortalSigner> | null = null;
  const signer = async (): Promise<PortalSigner> => {
    connected ??= browserWalletSigner().then((s) => {
      if (s.address.toLowerCase() !== address.toLowerCase())
        throw new Error(`The wallet holds ${s.address}, not ${address} that signed in: switch accounts, or sign out and in again.`);
      return s;
    });
    connected.catch(() => (connected = null));
    return connected;
  };
  return {
    address,
    label: "browser wallet",
    signMessage: async (message) => (await signer()).signMessage(message),
    signTypedData: async (payload) => (await signer()).signTypedData(payload),
  };
}
